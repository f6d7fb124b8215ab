import { describe, expect, it } from 'vitest';
import { parseLabelSelector, formatLabelSelector } from './label-selector';
import { labelSelectorMatcher } from './label-matcher';
import { QueryError } from './errors';

describe('parseLabelSelector → canonical text', () => {
  it.each([
    ['', ''],
    ['app=web', 'app=web'],
    ['app==web', 'app=web'],
    ['app!=web', 'app!=web'],
    [' app = web , tier in ( b , a ) ', 'app=web,tier in (a,b)'],
    ['tier notin (x)', 'tier notin (x)'],
    ['canary', 'canary'],
    ['! canary', '!canary'],
    ['b,a=1,!c', 'a=1,b,!c'],
    ['a=', 'a='],
    ['a in ()', 'a in ()'],
    ['a in (x,)', 'a in (,x)'],
    ['a=in', 'a=in'],
    ['karpenter.sh/capacity-type=spot', 'karpenter.sh/capacity-type=spot'],
    ['replicas>2,x<10', 'replicas>2,x<10'],
  ])('%j → %j', (input, canonical) => {
    expect(formatLabelSelector(parseLabelSelector(input))).toBe(canonical);
    // canonical text is a fixed point
    expect(formatLabelSelector(parseLabelSelector(canonical))).toBe(canonical);
  });
});

describe('label selector errors say what and where', () => {
  it.each([
    ['app in (a,b', 11, "missing ')'"],
    ['app in a', 7, "expected '('"],
    ['app=web x', 8, "expected ',' or the end"],
    ['app,', 4, 'expected a label key'],
    ['=web', 0, 'expected a label key'],
    ['app=we b', 7, "expected ',' or the end"],
    ['App_=x', 0, 'must consist of'],
    ['a/b/c=x', 0, "more than one '/'"],
    ['Example.com/x=y', 0, 'DNS subdomain'],
    ['app=-web', 4, 'label value'],
    [`app=${'v'.repeat(64)}`, 4, 'longer than 63'],
    ['x>abc', 2, 'expected an integer'],
    ['app ~ web', 4, "expected '=', '!=', 'in' or 'notin'"],
  ])('%j fails at %i', (input, position, message) => {
    let err: unknown;
    try {
      parseLabelSelector(input, '-l');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryError);
    const q = err as QueryError;
    expect(q.message).toContain(message);
    expect(q.message).toMatch(/^-l: /);
    expect(q.where).toMatchObject({ param: '-l', position, input });
  });
});

describe('label selector matching', () => {
  const labels = { app: 'web', tier: 'front', replicas: '3' };
  it.each([
    ['', labels, true],
    ['app=web', labels, true],
    ['app=api', labels, false],
    ['app!=api', labels, true],
    ['missing!=x', labels, true],
    ['tier in (back,front)', labels, true],
    ['tier notin (back,front)', labels, false],
    ['missing notin (x)', labels, true],
    ['app', labels, true],
    ['!app', labels, false],
    ['!missing', labels, true],
    ['app=web,tier=back', labels, false],
    ['replicas>2', labels, true],
    ['replicas<3', labels, false],
    ['app=web', undefined, false],
    ['!app', undefined, true],
    ['app!=web', null, true],
  ] as const)('%j on %j → %s', (selector, l, expected) => {
    expect(labelSelectorMatcher(selector)(l)).toBe(expected);
  });

  it('reads own labels only: a label called constructor or toString is not inherited', () => {
    expect(labelSelectorMatcher('constructor')({})).toBe(false);
    expect(labelSelectorMatcher('toString')({ app: 'x' })).toBe(false);
    expect(labelSelectorMatcher('!hasOwnProperty')({})).toBe(true);
    expect(labelSelectorMatcher('constructor=x')({ constructor: 'x' })).toBe(true);
  });

  it('ignores non-string label values from hostile objects', () => {
    const hostile = { app: 42 } as unknown as Record<string, string>;
    expect(labelSelectorMatcher('app')(hostile)).toBe(false);
  });
});

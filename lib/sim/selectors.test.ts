import { describe, expect, it } from 'vitest';
import { SelectorError, matchesLabels, parseLabelSelector } from './label-selector';
import { matchesFields, parseFieldSelector } from './field-selector';

const labels = { app: 'web', tier: 'frontend', 'app.kubernetes.io/name': 'checkout' };

describe('label selectors', () => {
  it.each([
    ['app=web', true], ['app==web', true], ['app!=web', false], ['app!=api', true],
    ['tier in (frontend,backend)', true], ['tier in (backend)', false], ['tier notin (backend)', true], ['tier notin (frontend)', false],
    ['missing notin (x)', true], ['missing in (x)', false], ['app', true], ['!app', false], ['!missing', true], ['missing', false],
    ['app=web,tier in (frontend), !canary', true], ['app.kubernetes.io/name=checkout', true], ['', true], ['missing!=x', true],
  ])('%s → %s', (sel, expected) => {
    expect(matchesLabels(parseLabelSelector(sel), labels)).toBe(expected);
  });

  it.each([['app in (web', /missing "\)"/], ['app=web,,tier', /empty term/], ['a b=c', /invalid label key/], ['app=we b', /invalid label value/]])(
    'rejects %s', (sel, msg) => {
      expect(() => parseLabelSelector(sel)).toThrow(SelectorError);
      expect(() => parseLabelSelector(sel)).toThrow(msg);
    });
});

describe('field selectors', () => {
  const fields = { 'metadata.name': 'a', 'metadata.namespace': 'ns', 'spec.nodeName': '', 'status.phase': 'Pending' };
  it.each([['spec.nodeName=', true], ['spec.nodeName!=', false], ['status.phase==Pending', true], ['status.phase!=Running,metadata.namespace=ns', true],
    ['metadata.name=b', false]])('%s → %s', (sel, expected) => {
    expect(matchesFields(parseFieldSelector(sel, 'pods'), fields)).toBe(expected);
  });
  it('rejects unsupported fields and malformed terms', () => {
    expect(() => parseFieldSelector('spec.schedulerName=x', 'pods')).toThrow(/field label not supported: spec.schedulerName/);
    expect(() => parseFieldSelector('spec.nodeName=x', 'nodes')).toThrow(/not supported/);
    expect(() => parseFieldSelector('nonsense', 'pods')).toThrow(/expected FIELD=VALUE/);
  });
});

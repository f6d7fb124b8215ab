import { describe, expect, it } from 'vitest';
import { disruptionsAllowedOf, pdbBudget, pdbSelects, type PdbPodState } from './pdb';
import { indexPdbs, type IndexedPdb } from './pdb-index';
import { makePdb, makePod } from './test-fixtures';
import type { KubeObject } from './types';

const web = makePod({ namespace: 'shop', labels: { app: 'web', tier: 'front' } });
const api = makePod({ namespace: 'shop', labels: { app: 'api', tier: 'back' } });
const bare = makePod({ namespace: 'shop' });
const elsewhere = makePod({ namespace: 'blog', labels: { app: 'web', tier: 'front' } });
const pods = [web, api, bare, elsewhere];
const selected = (pdb: KubeObject): KubeObject[] => pods.filter((p) => pdbSelects(pdb, p));

describe('pdbSelects', () => {
  it('selects every pod of its namespace with an empty selector, none with a missing or null one', () => {
    expect(selected(makePdb({ namespace: 'shop', selector: {} }))).toEqual([web, api, bare]);
    expect(selected(makePdb({ namespace: 'shop', selector: { matchLabels: {}, matchExpressions: [] } }))).toEqual([web, api, bare]);
    expect(selected(makePdb({ namespace: 'shop' }))).toEqual([]);
    expect(selected(makePdb({ namespace: 'shop', selector: null }))).toEqual([]);
  });

  it('never selects across namespaces', () => {
    expect(selected(makePdb({ namespace: 'blog', selector: { matchLabels: { app: 'web' } } }))).toEqual([elsewhere]);
    expect(selected(makePdb({ namespace: 'other', selector: {} }))).toEqual([]);
  });

  it.each([
    ['In', { key: 'app', operator: 'In', values: ['web', 'cache'] }, [web]],
    ['NotIn (a pod without the label is not in the set)', { key: 'app', operator: 'NotIn', values: ['web'] }, [api, bare]],
    ['Exists', { key: 'tier', operator: 'Exists' }, [web, api]],
    ['DoesNotExist', { key: 'tier', operator: 'DoesNotExist', values: [] }, [bare]],
  ])('matchExpressions %s', (_name, expr, want) => {
    expect(selected(makePdb({ namespace: 'shop', selector: { matchExpressions: [expr] } }))).toEqual(want);
  });

  it('ANDs matchLabels and every expression', () => {
    const selector = { matchLabels: { tier: 'front' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] };
    expect(selected(makePdb({ namespace: 'shop', selector }))).toEqual([web]);
    const none = { matchLabels: { tier: 'front' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] };
    expect(selected(makePdb({ namespace: 'shop', selector: none }))).toEqual([]);
  });

  it.each([
    ['an unknown operator', { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }],
    ['In without values', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }],
    ['Exists with values', { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }],
    ['a non-string value', { matchLabels: { app: 7 } }],
    ['matchExpressions not a list', { matchExpressions: { key: 'app', operator: 'Exists' } }],
    ['matchLabels a list', { matchLabels: ['app'] }],
    ['an expression without key', { matchExpressions: [{ operator: 'Exists' }] }],
  ])('selects nothing with %s', (_name, selector) => {
    expect(selected(makePdb({ namespace: 'shop', selector }))).toEqual([]);
  });

  it('reads own properties only, of selectors and labels', () => {
    const inherited = makePod({ namespace: 'shop' });
    inherited.metadata.labels = Object.create({ app: 'web' }) as Record<string, string>;
    expect(pdbSelects(makePdb({ namespace: 'shop', selector: { matchLabels: { app: 'web' } } }), inherited)).toBe(false);
    // `constructor` is an ordinary label key, not Object.prototype.constructor.
    const exists = makePdb({ namespace: 'shop', selector: { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] } });
    expect(pdbSelects(exists, web)).toBe(false);
    expect(pdbSelects(exists, makePod({ namespace: 'shop', labels: { constructor: 'x' } }))).toBe(true);
    const protoSelector = makePdb({ namespace: 'shop', selector: Object.create({ matchLabels: { app: 'nope' } }) as object });
    expect(pdbSelects(protoSelector, web)).toBe(true); // an object with no own requirement is `{}`
  });
});

describe('indexPdbs', () => {
  it('agrees with pdbSelects for every pod and PDB', () => {
    const pdbs = [
      makePdb({ namespace: 'shop', name: 'all', selector: {} }),
      makePdb({ namespace: 'shop', name: 'web', selector: { matchLabels: { app: 'web' } } }),
      makePdb({ namespace: 'shop', name: 'web-or-api', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api', 'web'] }] } }),
      makePdb({ namespace: 'shop', name: 'front-web', selector: { matchLabels: { tier: 'front' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'x'] }] } }),
      makePdb({ namespace: 'shop', name: 'tiered', selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }),
      makePdb({ namespace: 'shop', name: 'none' }),
      makePdb({ namespace: 'blog', name: 'blog-web', selector: { matchLabels: { app: 'web' } } }),
    ];
    const index = indexPdbs(pdbs);
    const out: IndexedPdb[] = [];
    const selectedBy = (pod: KubeObject): string[] => out.slice(0, index.selecting(pod.metadata.namespace ?? '', pod.metadata.labels, out)).map((p) => p.name).sort();
    for (const pod of [...pods, makePod({ namespace: 'shop', labels: { app: 'web' } })]) {
      expect(selectedBy(pod)).toEqual(pdbs.filter((pdb) => pdbSelects(pdb, pod)).map((p) => p.metadata.name).sort());
    }
    expect(selectedBy(web)).toEqual(['all', 'front-web', 'tiered', 'web', 'web-or-api']);
    expect(selectedBy(api)).toEqual(['all', 'tiered', 'web-or-api']);
    expect(selectedBy(makePod({ namespace: 'empty' }))).toEqual([]);
    expect(index.all.map((p) => p.name)).toEqual(pdbs.map((p) => p.metadata.name));
  });
});

const states = (ready: number, notReady = 0, terminatingReady = 0): PdbPodState[] => [
  ...Array.from({ length: ready }, () => ({ ready: true, terminating: false })),
  ...Array.from({ length: notReady }, () => ({ ready: false, terminating: false })),
  ...Array.from({ length: terminatingReady }, () => ({ ready: true, terminating: true })),
];
const budget = (spec: { minAvailable?: unknown; maxUnavailable?: unknown }, matched: PdbPodState[], scale: number) => pdbBudget(makePdb({ selector: {}, ...spec }), matched, scale);

describe('pdbBudget', () => {
  it.each([
    ['minAvailable 2: expected is the number of selected pods', { minAvailable: 2 }, states(3), 5, { expected: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }],
    ['minAvailable "50%" of 3 rounds up to 2', { minAvailable: '50%' }, states(3), 3, { expected: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }],
    ['a percentage scales by the expected scale, not the pods seen', { minAvailable: '50%' }, states(3), 10, { expected: 10, desiredHealthy: 5, currentHealthy: 3, disruptionsAllowed: 0 }],
    ['maxUnavailable 1 of 3', { maxUnavailable: 1 }, states(3), 3, { expected: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }],
    ['maxUnavailable "25%" of 3 rounds up to 1', { maxUnavailable: '25%' }, states(3), 3, { expected: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }],
    ['maxUnavailable "100%"', { maxUnavailable: '100%' }, states(3), 3, { expected: 3, desiredHealthy: 0, currentHealthy: 3, disruptionsAllowed: 3 }],
    ['maxUnavailable above the scale clamps desired at 0', { maxUnavailable: 5 }, states(2), 2, { expected: 2, desiredHealthy: 0, currentHealthy: 2, disruptionsAllowed: 2 }],
    ['minAvailable = replicas allows nothing', { minAvailable: 3 }, states(3), 3, { expected: 3, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 }],
    ['not-ready pods are not healthy', { maxUnavailable: 1 }, states(2, 1), 3, { expected: 3, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 }],
    ['terminating pods are not healthy', { minAvailable: 2 }, states(2, 0, 1), 3, { expected: 3, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 }],
    ['neither field: nothing expected, nothing allowed', {}, states(3), 3, { expected: 0, desiredHealthy: 0, currentHealthy: 3, disruptionsAllowed: 0 }],
    ['null fields count as unset', { minAvailable: null, maxUnavailable: 1 }, states(3), 3, { expected: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }],
    ['no pods expected allows nothing', { maxUnavailable: '100%' }, states(2), 0, { expected: 0, desiredHealthy: 0, currentHealthy: 2, disruptionsAllowed: 0 }],
  ])('%s', (_name, spec, matched, scale, want) => {
    expect(budget(spec, matched, scale)).toEqual({ budget: want, reason: null });
  });

  it.each([
    [{ minAvailable: 'abc%' }, 'minAvailable must be an integer or a percentage such as "50%", not "abc%"'],
    [{ minAvailable: '50' }, 'minAvailable must be an integer or a percentage such as "50%", not "50"'],
    [{ maxUnavailable: -1 }, 'maxUnavailable must be a non-negative integer, not -1'],
    [{ maxUnavailable: 1.5 }, 'maxUnavailable must be a non-negative integer, not 1.5'],
    [{ minAvailable: '150%' }, 'minAvailable must not be more than 100%, not "150%"'],
    [{ minAvailable: true }, 'minAvailable must be an integer or a percentage, not true'],
    [{ minAvailable: 1, maxUnavailable: 1 }, 'minAvailable and maxUnavailable cannot both be set'],
  ])('refuses %j without throwing', (spec, reason) => {
    expect(budget(spec, states(3), 3)).toEqual({ budget: null, reason });
  });

  it('refuses an expected scale that is not a count', () => {
    expect(budget({ maxUnavailable: 1 }, states(1), -1)).toEqual({ budget: null, reason: 'expected scale must be a non-negative integer, not -1' });
    expect(budget({ maxUnavailable: 1 }, states(1), Number.NaN).budget).toBeNull();
  });

  it('ignores budget fields inherited through the prototype', () => {
    const pdb = makePdb({ selector: {} });
    pdb.spec = Object.create({ minAvailable: 0 }) as Record<string, unknown>;
    expect(pdbBudget(pdb, states(2), 2).budget).toEqual({ expected: 0, desiredHealthy: 0, currentHealthy: 2, disruptionsAllowed: 0 });
  });
});

describe('disruptionsAllowedOf', () => {
  it('prefers the server status once it has seen the current generation', () => {
    expect(disruptionsAllowedOf(makePdb({ generation: 3, status: { observedGeneration: 3, disruptionsAllowed: 4 } }), 1)).toBe(4);
    expect(disruptionsAllowedOf(makePdb({ generation: 3, status: { observedGeneration: 4, disruptionsAllowed: 0 } }), 1)).toBe(0);
  });

  it('falls back to the computed value when the status is stale, absent or malformed', () => {
    expect(disruptionsAllowedOf(makePdb({ generation: 3, status: { observedGeneration: 2, disruptionsAllowed: 4 } }), 1)).toBe(1);
    expect(disruptionsAllowedOf(makePdb({ status: { observedGeneration: 2, disruptionsAllowed: 4 } }), 1)).toBe(1);
    expect(disruptionsAllowedOf(makePdb({ generation: 1 }), 2)).toBe(2);
    expect(disruptionsAllowedOf(makePdb({ generation: 1, status: { observedGeneration: 1, disruptionsAllowed: '4' } }), 2)).toBe(2);
    expect(disruptionsAllowedOf(makePdb({ generation: 1, status: { observedGeneration: 1, disruptionsAllowed: -1 } }), null)).toBeNull();
  });
});

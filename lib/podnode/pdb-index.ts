// PDBs indexed for matching every pod of a large cluster. A pod is only tried against the PDBs of
// its own namespace, and of those only against the ones whose anchor (an equality requirement
// such as matchLabels app=web, see pdb-selector.ts) its labels satisfy, found by Map lookup; PDBs
// without an anchor (`{}`, or only Exists / NotIn / DoesNotExist) are tried on every pod of the
// namespace. So hundreds of PDBs in one namespace cost a pod a few lookups, not hundreds of tests.
import { compilePdbSelector, labelValue, ownField, type LabelsTest } from './pdb-selector';
import type { KubeObject } from './types';

export type IndexedPdb = {
  /** position in `all`, for callers that keep per-PDB tallies in arrays */
  index: number;
  pdb: KubeObject;
  name: string;
  test: LabelsTest;
};

export type PdbIndex = {
  all: readonly IndexedPdb[];
  /**
   * Writes the PDBs selecting a pod (its namespace and metadata.labels) to `out` from position 0,
   * in no particular order, and returns how many. The caller reuses one `out` for every pod, so
   * matching allocates nothing.
   */
  selecting(namespace: string, labels: unknown, out: IndexedPdb[]): number;
};

type NamespacePdbs = {
  /** per anchor key (a handful: app, app.kubernetes.io/name, …), anchor value → PDBs anchored there */
  anchored: { key: string; byValue: Map<string, IndexedPdb[]> }[];
  unanchored: IndexedPdb[];
};

export function indexPdbs(pdbs: Iterable<KubeObject>): PdbIndex {
  const all: IndexedPdb[] = [];
  const byNamespace = new Map<string, NamespacePdbs>();
  for (const pdb of pdbs) {
    const name = ownField(ownField(pdb, 'metadata'), 'name');
    if (typeof name !== 'string') continue;
    const rawNamespace = ownField(pdb.metadata, 'namespace');
    const namespace = typeof rawNamespace === 'string' ? rawNamespace : '';
    const selector = compilePdbSelector(ownField(pdb.spec, 'selector'));
    const entry: IndexedPdb = { index: all.length, pdb, name, test: selector.test };
    all.push(entry);
    // Still in `all`: such a PDB exists, it just covers no pod.
    if (selector.never) continue;
    let ns = byNamespace.get(namespace);
    if (!ns) byNamespace.set(namespace, (ns = { anchored: [], unanchored: [] }));
    const anchor = selector.anchor;
    if (!anchor) {
      ns.unanchored.push(entry);
      continue;
    }
    let byValue = ns.anchored.find((a) => a.key === anchor.key)?.byValue;
    if (!byValue) ns.anchored.push({ key: anchor.key, byValue: (byValue = new Map()) });
    // Each value once: an `In` listing a value twice must not find the PDB twice.
    for (const value of new Set(anchor.values)) {
      const list = byValue.get(value);
      if (list) list.push(entry);
      else byValue.set(value, [entry]);
    }
  }

  function selecting(namespace: string, labels: unknown, out: IndexedPdb[]): number {
    const ns = byNamespace.get(namespace);
    if (!ns) return 0;
    let n = 0;
    for (const p of ns.unanchored) if (p.test(labels)) out[n++] = p;
    for (const a of ns.anchored) {
      const value = labelValue(labels, a.key);
      const candidates = value === undefined ? undefined : a.byValue.get(value);
      if (candidates) for (const p of candidates) if (p.test(labels)) out[n++] = p;
    }
    return n;
  }

  return { all, selecting };
}

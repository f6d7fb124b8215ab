// The query language over the other row kinds (nodes, workloads): the same URL params, clauses,
// paths, sort order and errors as the PodNode table, read against a schema that says which
// fields a row has and which objects a path may walk into.
import { fail, inParam, QueryError } from './errors';
import { parseRequirements } from './label-selector';
import { compileLabelSelector } from './label-matcher';
import { compileClause } from './clause';
import { assertKept, compileObjectPath, parsePathText } from './path';
import type { KeptTree } from '@/lib/podnode/kept-fields';
import { orderBy } from './sort';
import { capacityTypeSpelling } from './capacity-values';
import type { Clause, Query, SortKey } from './query';

export type RecordSchema<R> = {
  /** what a row is, in messages: `node`, `workload` */
  noun: string;
  /** the row's own scalar fields, camelCase (snake_case spellings resolve to them) */
  fields: readonly string[];
  /** objects a path may start with: `node.metadata.labels…` */
  roots: Readonly<Record<string, (row: R) => unknown>>;
  /** where a path naming no field and no root reads (nodes: the node object); none = an error */
  fallback?: (row: R) => unknown;
  /** the fields the cache keeps of the objects the roots and the fallback read */
  kept?: KeptTree;
  /** `nl` filters on these labels; without it `nl` is an error */
  nodeLabels?: (row: R) => Record<string, string> | undefined;
  /** `ns` filters on this; without it `ns` is an error */
  namespace?: (row: R) => string;
  /** appended to every sort so the order is total */
  tieBreak: readonly SortKey[];
  /** query parts this view reads elsewhere (the workload view's `l` selects pods): not checked here */
  handledElsewhere?: ReadonlyArray<'l' | 'ns' | 'nl'>;
};

type Accessor<R> = (row: R) => unknown;

const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The field a path names, by its camelCase or snake_case spelling. */
export function recordFieldOf(fields: readonly string[], name: string): string | undefined {
  return fields.find((f) => f === name || snake(f) === name);
}

function compileRecordPath<R>(schema: RecordSchema<R>, param: string, text: string, index?: number): Accessor<R> {
  const segments = inParam(param, text, index, parsePathText);
  const [first, ...rest] = segments;
  const kept = (path: readonly typeof segments[number][]) => {
    if (schema.kept) inParam(param, text, index, () => assertKept(schema.kept!, path));
  };
  if (first?.kind === 'key') {
    const field = recordFieldOf(schema.fields, first.key);
    if (field && rest.length === 0) return (row) => (row as Record<string, unknown>)[field];
    const root = Object.hasOwn(schema.roots, first.key) ? schema.roots[first.key] : undefined;
    if (root) {
      kept(rest);
      const read = compileObjectPath(rest);
      return (row) => read(root(row));
    }
  }
  const fallback = schema.fallback;
  if (!fallback) {
    const roots = Object.keys(schema.roots);
    return inParam(param, text, index, () =>
      fail(`unknown ${schema.noun} field '${text}' (fields: ${schema.fields.join(', ')}${roots.length ? `; or a path under ${roots.map((r) => `${r}.`).join(', ')}` : ''})`, 0),
    );
  }
  kept(segments);
  const read = compileObjectPath(segments);
  return (row) => read(fallback(row));
}

function refuse(param: string, why: string): never {
  throw new QueryError(`${param}: ${why}`, { param });
}

/** Throws QueryError for invalid text and for query parts that do not apply to this row kind. */
export function compileRecordQuery<R>(q: Query, schema: RecordSchema<R>): (row: R) => boolean {
  const elsewhere = new Set(schema.handledElsewhere ?? []);
  const tests: ((row: R) => boolean)[] = [];
  if (q.columns.length > 0) refuse('o', `${schema.noun} rows have fixed columns; custom columns are a PodNode table feature`);
  if (q.labelSelector && !elsewhere.has('l')) refuse('l', `a pod label selector does not apply to ${schema.noun}s${schema.nodeLabels ? '; use nl for node labels' : ''}`);
  if (q.namespaces.length > 0 && !elsewhere.has('ns')) {
    const nsOf = schema.namespace;
    if (!nsOf) refuse('ns', `${schema.noun}s have no namespace`);
    const wanted = new Set(q.namespaces);
    tests.push((row) => wanted.has(nsOf(row)));
  }
  if (q.nodeSelector && !elsewhere.has('nl')) {
    const labelsOf = schema.nodeLabels;
    if (!labelsOf) refuse('nl', `${schema.noun}s have no node labels`);
    const matches = compileLabelSelector(inParam('nl', q.nodeSelector, undefined, parseRequirements));
    tests.push((row) => matches(labelsOf(row)));
  }
  const clause = (c: Clause, param: string, i: number) => {
    const get = compileRecordPath(schema, param, c.path, i);
    const spelled = c.op !== '~=' && recordFieldOf(schema.fields, c.path) === 'capacityType' ? { ...c, values: c.values.map(capacityTypeSpelling) } : c;
    return compileClause(spelled, get);
  };
  // The page re-sorts live rows itself, from the fields it holds: a sort names a field.
  q.sort.forEach((k, i) => {
    if (!recordFieldOf(schema.fields, k.path)) refuse('sort', `#${i + 1} '${k.path.slice(0, 80)}': ${schema.noun}s sort by a field (${schema.fields.join(', ')})`);
  });
  q.include.forEach((c, i) => tests.push(clause(c, 'f', i)));
  q.exclude.forEach((c, i) => {
    const m = clause(c, 'e', i);
    tests.push((row) => !m(row));
  });
  return (row) => {
    for (const t of tests) if (!t(row)) return false;
    return true;
  };
}

/** Filtered and sorted in the one order (sort.ts), ties broken by the schema's keys. */
export function selectRecords<R>(rows: Iterable<R>, q: Query, schema: RecordSchema<R>): R[] {
  const matches = compileRecordQuery(q, schema);
  const kept: R[] = [];
  for (const row of rows) if (matches(row)) kept.push(row);
  const keys = [...q.sort, ...schema.tieBreak].map((k, i) => ({ get: compileRecordPath(schema, 'sort', k.path, i < q.sort.length ? i : undefined), desc: k.desc }));
  return orderBy(kept, keys);
}

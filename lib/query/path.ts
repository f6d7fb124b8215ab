// Paths compiled once into accessors (docs/architecture.md, "The query language"). A path naming a row field reads the row; `pod.…`
// and `node.…` read the stored objects; anything else reads the pod, as kk users wrote
// `metadata.namespace`. Row fields are scalars, so a row-field name followed by more segments
// (`status.phase`, from kk's own README) reads the pod instead.
import type { PodNodeRow } from '@/lib/podnode/types';
import { firstDroppedSegment, KEPT_FIELDS_DOC, NODE_KEPT, POD_KEPT, type KeptTree } from '@/lib/podnode/kept-fields';
import { inParam, fail } from './errors';
import { parsePathAt, bracketHint, type PathSegment } from './path-syntax';
import { rowFieldOf } from './row-fields';

export type PathAccessor = (row: PodNodeRow) => unknown;
export type { PathSegment };

/** The values a `[*]` collected; text joins them with `,`, JSON shows them as an array. */
export class Fanout {
  readonly values: unknown[];
  constructor(values: unknown[]) {
    this.values = values;
  }
  toJSON(): unknown[] {
    return this.values;
  }
}

/** Parses a whole path (nothing may follow it); throws SyntaxFailure. */
export function parsePathText(text: string): PathSegment[] {
  const { segments, end } = parsePathAt(text, 0);
  if (end !== text.length) fail(`unexpected '${text[end]}' at position ${end}${bracketHint(text[end])}`, end);
  return segments;
}

/** Public form of parsePathText: throws QueryError. */
export function parsePath(text: string, param = 'path'): PathSegment[] {
  return inParam(param, text, undefined, parsePathText);
}

/** For callers holding a path alone (the page's custom-column box); throws QueryError. */
export function compilePath(text: string, param = 'path', index?: number): PathAccessor {
  return inParam(param, text, index, (t) => compileSegments(parsePathText(t)));
}

type Step = { kind: 'key'; names: string[] } | { kind: 'index'; index: number; name: string } | { kind: 'all' };

/** Throws SyntaxFailure for a path into a field the cache does not keep: call inside inParam. */
export function compileSegments(segments: readonly PathSegment[]): PathAccessor {
  const [first, ...rest] = segments;
  if (first?.kind === 'key') {
    if (first.key === 'pod' || first.key === 'node') {
      assertKept(first.key === 'pod' ? POD_KEPT : NODE_KEPT, rest);
      const steps = rest.map(toStep);
      const root = first.key;
      return steps.length === 0 ? (row) => row[root] : (row) => walk(row[root], steps, 0);
    }
    const field = rest.length === 0 ? rowFieldOf(first.key) : undefined;
    if (field) return (row) => row[field];
  }
  assertKept(POD_KEPT, segments);
  const steps = segments.map(toStep);
  return (row) => walk(row.pod, steps, 0);
}

/**
 * The cache keeps an allowlist of fields (kept-fields.ts): a path into anything else would read
 * nothing on every row, so it is refused, naming the field and where the kept ones are listed.
 * Throws SyntaxFailure: call inside inParam.
 */
const LIST_KEY = /^(\d+|length)$/;

export function assertKept(tree: KeptTree, segments: readonly PathSegment[]): void {
  const at = firstDroppedSegment(tree, segments.length, (i) => {
    const s = segments[i]!;
    // `containers.0` and `containers.length` read a list, as `[0]` does: the same fields below
    return s.kind === 'key' && !LIST_KEY.test(s.key) ? spellings(s.key) : null;
  });
  if (at === null) return;
  const field = segments.slice(0, at + 1).map((s, i) => (s.kind === 'key' ? `${i === 0 ? '' : '.'}${s.key}` : s.kind === 'index' ? `[${s.index}]` : '[*]')).join('');
  fail(`the dashboard does not keep '${field}' (dropped at ingest, so large clusters fit in memory; the detail drawer shows the whole object); the fields it keeps are listed in ${KEPT_FIELDS_DOC}`, 0);
}

/** A path read from a given object (the node of a node row): every segment walks into it. */
export function compileObjectPath(segments: readonly PathSegment[]): (obj: unknown) => unknown {
  const steps = segments.map(toStep);
  return steps.length === 0 ? (obj) => obj : (obj) => walk(obj, steps, 0);
}

function toStep(segment: PathSegment): Step {
  if (segment.kind === 'key') return { kind: 'key', names: spellings(segment.key) };
  if (segment.kind === 'index') return { kind: 'index', index: segment.index, name: String(segment.index) };
  return segment;
}

/** kk read the Python client's snake_case attributes; the stored objects are camelCase JSON, whose
 *  acronyms are upper-case (`pod_ip` → `podIP`, `provider_id` → `providerID`). Tried in order. */
function spellings(key: string): string[] {
  if (!key.includes('_')) return [key];
  const words = key.split('_');
  if (words.some((w) => w === '')) return [key];
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const camel = words.map((w, i) => (i === 0 ? w : cap(w))).join('');
  const acronym = words.map((w, i) => (i === 0 ? w : (ACRONYMS.get(w) ?? cap(w)))).join('');
  return [...new Set([key, camel, acronym])];
}

const ACRONYMS = new Map([['ip', 'IP'], ['ips', 'IPs'], ['id', 'ID'], ['uuid', 'UUID'], ['cidr', 'CIDR'], ['cidrs', 'CIDRs']]);

function walk(start: unknown, steps: readonly Step[], from: number): unknown {
  let value = start;
  for (let i = from; i < steps.length; i++) {
    if (value === null || typeof value !== 'object') return undefined;
    const step = steps[i]!;
    if (step.kind === 'key') {
      value = readOwn(value, step.names);
    } else if (step.kind === 'index') {
      if (Array.isArray(value)) value = step.index < value.length ? (value[step.index] as unknown) : undefined;
      else value = readOwn(value, [step.name]);
    } else {
      return collect(Array.isArray(value) ? value : Object.values(value), steps, i + 1);
    }
  }
  return value;
}

function readOwn(obj: object, names: readonly string[]): unknown {
  for (const name of names) if (Object.hasOwn(obj, name)) return (obj as Record<string, unknown>)[name];
  return undefined;
}

function collect(items: readonly unknown[], steps: readonly Step[], from: number): Fanout | undefined {
  const out: unknown[] = [];
  for (const item of items) {
    const v = walk(item, steps, from);
    if (v instanceof Fanout) out.push(...v.values);
    else if (v !== undefined && v !== null) out.push(v); // like kubectl's jsonpath: missing elements are skipped
  }
  return out.length > 0 ? new Fanout(out) : undefined;
}

/** Text of a value as printed and compared: missing is `NA`, objects compact JSON. */
export function valueToText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return 'NA';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Fanout) return v.values.map(valueToText).join(',');
  if (typeof v !== 'object') return 'NA';
  try {
    return JSON.stringify(v) ?? 'NA';
  } catch {
    return 'NA'; // cyclic or otherwise unprintable: never crash a listing over one cell
  }
}

// A PodDisruptionBudget's spec.selector (a metav1.LabelSelector) compiled into a label test.
// The string selector syntax of lib/query is a different language and a different layer; this
// one reads the structured form the API server stores, with LabelSelectorAsSelector semantics.
//
// PDBs arrive as plain JSON that the server validated, but the code still has to be safe when
// handed anything: only own properties are read (a label named `constructor` must not find
// Object.prototype.constructor), and whatever LabelSelectorAsSelector would reject (an unknown
// operator, In without values, a non-string value) selects nothing rather than throwing.

export type LabelsTest = (labels: unknown) => boolean;

/** A label the selector requires to hold one of `values`: an index can look candidates up by it. */
type SelectorAnchor = { key: string; values: readonly string[] };

export type CompiledSelector = {
  test: LabelsTest;
  /** the narrowest equality requirement (matchLabels, or In), or null when there is none */
  anchor: SelectorAnchor | null;
  /** selects nothing whatever the labels (missing, null or invalid) */
  never: boolean;
};

const NOTHING: CompiledSelector = { test: () => false, anchor: null, never: true };
const EVERYTHING: CompiledSelector = { test: () => true, anchor: null, never: false };

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An own property, or undefined. */
export function ownField(obj: unknown, key: string): unknown {
  return isRecord(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** A label value as the selector sees it: own and a string, else absent. */
export function labelValue(labels: unknown, key: string): string | undefined {
  if (typeof labels !== 'object' || labels === null) return undefined;
  // Read first, then confirm a hit is an own property: a miss (the common case for most keys) then
  // costs one lookup, which matters when every pod of a large cluster is matched.
  const v: unknown = (labels as Record<string, unknown>)[key];
  return typeof v === 'string' && Object.hasOwn(labels, key) ? v : undefined;
}

type Requirement = { key: string; test: LabelsTest; values?: readonly string[] };

function hasValueIn(labels: unknown, key: string, set: ReadonlySet<string>): boolean {
  const v = labelValue(labels, key);
  return v !== undefined && set.has(v);
}

function stringList(values: unknown): string[] | null {
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values)) return null;
  for (const v of values) if (typeof v !== 'string') return null;
  return values as string[];
}

function expressionOf(expr: unknown): Requirement | null {
  const key = ownField(expr, 'key');
  const operator = ownField(expr, 'operator');
  const values = stringList(ownField(expr, 'values'));
  if (typeof key !== 'string' || values === null) return null;
  const set = new Set(values);
  switch (operator) {
    case 'In':
      return values.length === 0 ? null : { key, test: (l) => hasValueIn(l, key, set), values };
    case 'NotIn':
      // A pod without the label is "not in" any set, as in apimachinery.
      return values.length === 0 ? null : { key, test: (l) => !hasValueIn(l, key, set) };
    case 'Exists':
      return values.length > 0 ? null : { key, test: (l) => labelValue(l, key) !== undefined };
    case 'DoesNotExist':
      return values.length > 0 ? null : { key, test: (l) => labelValue(l, key) === undefined };
    default:
      return null;
  }
}

/**
 * policy/v1 semantics: a missing or null selector selects nothing; `{}` (no requirements at all)
 * selects every pod of the namespace; otherwise matchLabels and matchExpressions are ANDed.
 */
export function compilePdbSelector(selector: unknown): CompiledSelector {
  if (!isRecord(selector)) return NOTHING;
  const requirements: Requirement[] = [];
  const matchLabels = ownField(selector, 'matchLabels');
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return NOTHING;
    for (const key of Object.keys(matchLabels)) {
      const want = matchLabels[key];
      if (typeof want !== 'string') return NOTHING;
      requirements.push({ key, test: (l) => labelValue(l, key) === want, values: [want] });
    }
  }
  const matchExpressions = ownField(selector, 'matchExpressions');
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return NOTHING;
    for (const expr of matchExpressions as unknown[]) {
      const requirement = expressionOf(expr);
      if (!requirement) return NOTHING;
      requirements.push(requirement);
    }
  }
  if (requirements.length === 0) return EVERYTHING;
  const tests = requirements.map((r) => r.test);
  let anchor: SelectorAnchor | null = null;
  for (const r of requirements) if (r.values && (!anchor || r.values.length < anchor.values.length)) anchor = { key: r.key, values: r.values };
  return {
    test: (labels) => {
      for (const t of tests) if (!t(labels)) return false;
      return true;
    },
    anchor,
    never: false,
  };
}

// A parsed label selector compiled into one closure per requirement, so matching 150,000 pods is a
// few own-property reads and Set lookups.
import { parseLabelSelector, type Requirement } from './label-selector';

export type LabelMatcher = (labels?: Record<string, string> | null) => boolean;

/** One step: text → matcher, for callers that hold a selector alone; throws QueryError. */
export function labelSelectorMatcher(text: string, param = 'l'): LabelMatcher {
  return compileLabelSelector(parseLabelSelector(text, param));
}

/** Labels are read as own properties only (a label named `constructor`
 *  must not find Object.prototype.constructor). */
export function compileLabelSelector(requirements: readonly Requirement[]): LabelMatcher {
  const tests = requirements.map(compileRequirement);
  return (labels) => {
    for (const test of tests) if (!test(labels ?? undefined)) return false;
    return true;
  };
}

function compileRequirement(r: Requirement): (labels: Record<string, string> | undefined) => boolean {
  const { key } = r;
  const get = (labels: Record<string, string> | undefined): string | undefined => {
    if (labels === undefined || typeof labels !== 'object' || !Object.hasOwn(labels, key)) return undefined;
    const v: unknown = labels[key];
    return typeof v === 'string' ? v : undefined;
  };
  const set = new Set(r.values);
  const bound = Number(r.values[0]);
  switch (r.op) {
    case 'exists':
      return (l) => get(l) !== undefined;
    case '!':
      return (l) => get(l) === undefined;
    case '=':
    case 'in':
      return (l) => {
        const v = get(l);
        return v !== undefined && set.has(v);
      };
    case '!=':
    case 'notin':
      return (l) => {
        const v = get(l);
        return v === undefined || !set.has(v);
      };
    case '>':
    case '<':
      return (l) => {
        const v = get(l);
        if (v === undefined || !/^-?\d+$/.test(v)) return false;
        return r.op === '>' ? Number(v) > bound : Number(v) < bound;
      };
  }
}

// Kubernetes label selectors: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
// comma-joined (AND). No maintained npm parser exists, so this small grammar is ours.
export type Requirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export class SelectorError extends Error {}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

function checkKey(key: string, where: string): string {
  if (!KEY.test(key)) throw new SelectorError(`invalid label key "${key}" in "${where}"`);
  return key;
}
function checkValue(value: string, where: string): string {
  if (value.length > 63 || !VALUE.test(value)) throw new SelectorError(`invalid label value "${value}" in "${where}"`);
  return value;
}

/** Split on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new SelectorError(`unbalanced ")" in label selector "${selector}"`);
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
  }
  if (depth !== 0) throw new SelectorError(`missing ")" in label selector "${selector}"`);
  out.push(cur);
  return out;
}

export function parseLabelSelector(selector: string): Requirement[] {
  if (selector.trim() === '') return [];
  return splitTerms(selector).map((raw) => {
    const term = raw.trim();
    if (term === '') throw new SelectorError(`empty term in label selector "${selector}"`);
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
    if (set) {
      const values = (set[3] as string).split(',').map((v) => checkValue(v.trim(), term));
      return { key: checkKey(set[1] as string, term), op: set[2] as 'in' | 'notin', values };
    }
    const cmp = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (cmp) {
      return { key: checkKey(cmp[1] as string, term), op: cmp[2] === '!=' ? 'neq' : 'eq', value: checkValue((cmp[3] as string).trim(), term) };
    }
    if (term.startsWith('!')) return { key: checkKey(term.slice(1).trim(), term), op: 'notexists' };
    return { key: checkKey(term, term), op: 'exists' };
  });
}

export function matchesLabels(reqs: readonly Requirement[], labels: Record<string, string>): boolean {
  for (const r of reqs) {
    const has = Object.hasOwn(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case 'eq': if (v !== r.value) return false; break;
      case 'neq': if (v === r.value) return false; break;
      case 'in': if (!has || !r.values.includes(v as string)) return false; break;
      case 'notin': if (has && r.values.includes(v as string)) return false; break;
      case 'exists': if (!has) return false; break;
      case 'notexists': if (has) return false; break;
    }
  }
  return true;
}

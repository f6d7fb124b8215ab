// Kubernetes label selectors (`app=web,tier in (a,b),!canary`), parsed with apimachinery's grammar
// and compiled once into a matcher, so evaluating one against 150,000 pods is a few map lookups.
import { fail, inParam } from './errors';
import { labelKeyProblem, labelValueProblem } from './label-syntax';
import { tokenizeSelector, type Token } from './label-selector-lexer';

type SelectorOp = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';
export type Requirement = { key: string; op: SelectorOp; values: string[] };

/** Parses a selector; throws QueryError naming `param` and the position. The empty text selects everything. */
export function parseLabelSelector(text: string, param = 'l'): Requirement[] {
  return inParam(param, text, undefined, parseRequirements);
}

/** The grammar itself; throws SyntaxFailure (the caller knows which parameter it read). */
export function parseRequirements(text: string): Requirement[] {
  const tokens = tokenizeSelector(text);
  let at = 0;
  const peek = (): Token => tokens[at] ?? tokens[tokens.length - 1]!;
  const next = (): Token => tokens[at++] ?? tokens[tokens.length - 1]!;
  // After an operator, `in` and `notin` are plain values (apimachinery's Values context).
  const nextValue = (): Token => {
    const t = next();
    return t.kind === 'in' || t.kind === 'notin' ? { ...t, kind: 'id' } : t;
  };
  const found = (t: Token) => (t.kind === 'end' ? 'end of input' : `'${t.text}'`);

  const requirements: Requirement[] = [];
  if (peek().kind === 'end') return requirements;
  for (;;) {
    requirements.push(parseRequirement());
    const t = next();
    if (t.kind === 'end') return requirements;
    if (t.kind !== ',') fail(`expected ',' or the end at position ${t.position}, found ${found(t)}`, t.position);
  }

  function parseRequirement(): Requirement {
    let t = next();
    const negated = t.kind === '!';
    if (negated) t = next();
    if (t.kind !== 'id') fail(`expected a label key at position ${t.position}, found ${found(t)}`, t.position);
    const key = t.text;
    const problem = labelKeyProblem(key);
    if (problem) fail(`${problem} (position ${t.position})`, t.position);
    if (negated) return { key, op: '!', values: [] };
    const opToken = peek();
    if (opToken.kind === 'end' || opToken.kind === ',') return { key, op: 'exists', values: [] };
    next();
    switch (opToken.kind) {
      case '=':
      case '==':
      case '!=':
        return { key, op: opToken.kind === '!=' ? '!=' : '=', values: [exactValue(key, opToken.kind === '!=' ? 'notin' : 'in')] };
      case '<':
      case '>':
        return { key, op: opToken.kind, values: [integerValue()] };
      case 'in':
      case 'notin':
        return { key, op: opToken.kind, values: valueSet() };
      default:
        return fail(
          `expected '=', '!=', 'in' or 'notin' after '${key}' at position ${opToken.position}, found ${found(opToken)}`,
          opToken.position,
        );
    }
  }

  function exactValue(key: string, setOp: 'in' | 'notin'): string {
    const t = peek();
    if (t.kind === 'end' || t.kind === ',') return '';
    const v = nextValue();
    // kk matched `app=a/b` as alternatives; a label value cannot hold '/', so say how to write it.
    if (v.kind === 'id' && v.text.includes('/') && v.text.split('/').every((part) => part !== '' && labelValueProblem(part) === null)) {
      fail(
        `label value '${v.text}' cannot contain '/' (position ${v.position}): for one of several values write '${key} ${setOp} (${v.text.split('/').join(',')})'`,
        v.position,
      );
    }
    return checkedValue(v);
  }

  function integerValue(): string {
    const t = nextValue();
    if (t.kind !== 'id' || !/^-?\d{1,18}$/.test(t.text)) {
      fail(`expected an integer at position ${t.position}, found ${found(t)}`, t.position);
    }
    return t.text;
  }

  function valueSet(): string[] {
    const open = next();
    if (open.kind !== '(') fail(`expected '(' at position ${open.position}, found ${found(open)}`, open.position);
    const values = new Set<string>();
    let expectValue = true;
    for (;;) {
      const t = nextValue();
      if (t.kind === ')') {
        if (expectValue) values.add(''); // `in ()` and `in (a,)` hold the empty value, as in apimachinery
        return [...values].sort();
      }
      if (t.kind === ',' && expectValue) values.add('');
      else if (t.kind === ',') expectValue = true;
      else if (t.kind === 'id' && expectValue) {
        values.add(checkedValue(t));
        expectValue = false;
      } else if (t.kind === 'end') {
        fail(`missing ')' at position ${t.position} to close '(' at position ${open.position}`, t.position);
      } else {
        const wanted = expectValue ? "a value, ',' or ')'" : "',' or ')'";
        fail(`expected ${wanted} at position ${t.position}, found ${found(t)}`, t.position);
      }
    }
  }

  function checkedValue(t: Token): string {
    if (t.kind !== 'id') fail(`expected a value at position ${t.position}, found ${found(t)}`, t.position);
    const problem = labelValueProblem(t.text);
    if (problem) fail(`${problem} (position ${t.position})`, t.position);
    return t.text;
  }
}

/** Canonical text: requirements sorted by key, set values sorted, `==` written `=` (as kubectl prints). */
export function formatLabelSelector(requirements: readonly Requirement[]): string {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted.map(formatRequirement).join(',');
}

function formatRequirement(r: Requirement): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${[...r.values].sort().join(',')})`;
    default:
      return `${r.key}${r.op}${r.values[0] ?? ''}`;
  }
}

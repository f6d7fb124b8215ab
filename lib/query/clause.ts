// `-f`/`-e` clauses: `PATH=V1/V2`, `PATH!=V`, `PATH~=v`. `\/` and `\\` escape a slash or backslash
// inside an alternative (image names have slashes); `\=` a value's leading `=` (`a==x` is `a=x`).
import { fail } from './errors';
import { parsePathAt, bracketHint } from './path-syntax';
import { valueToText, Fanout } from './path';
import type { Clause } from './query';

export function parseClause(text: string): Clause {
  const { end } = parsePathAt(text, 0);
  const path = text.slice(0, end);
  const rest = text.slice(end);
  const [op, length] = rest.startsWith('==')
    ? (['=', 2] as const)
    : rest.startsWith('!=') || rest.startsWith('~=')
      ? ([rest.slice(0, 2) as '!=' | '~=', 2] as const)
      : rest.startsWith('=')
        ? (['=', 1] as const)
        : fail(`expected '=', '!=' or '~=' after the path at position ${end}, found ${describe(text[end])}${bracketHint(text[end])}`, end);
  return { path, op, values: splitAlternatives(text.slice(end + length)) };
}

const describe = (ch: string | undefined) => (ch === undefined ? 'the end' : `'${ch}'`);

function splitAlternatives(text: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '\\' && (next === '/' || next === '\\' || next === '=')) {
      current += next;
      i++;
    } else if (ch === '/') {
      values.push(current);
      current = '';
    } else current += ch;
  }
  values.push(current);
  return values;
}

export function formatClause(c: Clause): string {
  const text = c.values.map((v) => v.replace(/[\\/]/g, (m) => `\\${m}`)).join('/');
  return `${c.path}${c.op}${c.op === '=' && text.startsWith('=') ? '\\' : ''}${text}`;
}

/** Compiled once per query; per row it is one path read, one text conversion and a Set lookup. */
export function compileClause<R>(clause: Clause, get: (row: R) => unknown): (row: R) => boolean {
  if (clause.op === '~=') {
    const needles = clause.values.map((v) => v.toLowerCase());
    return (row: R) => {
      const text = valueToText(get(row)).toLowerCase();
      for (const n of needles) if (text.includes(n)) return true;
      return false;
    };
  }
  const wanted = new Set(clause.values);
  const equals = (row: R) => {
    const v = get(row);
    if (wanted.has(valueToText(v))) return true;
    // `containers[*].image=nginx` holds when any one element is nginx, not only the joined text.
    return v instanceof Fanout && v.values.some((x) => wanted.has(valueToText(x)));
  };
  return clause.op === '=' ? equals : (row: R) => !equals(row);
}

// The path grammar: `a.b[0].c`, `[*]`, `["karpenter.sh/capacity-type"]`, `[zone]`, optional leading
// dot. Parsing stops at the first character that cannot continue a path, so the same code reads a
// path inside `-f PATH=V`, `-o PATH:WIDTH,…` and `--sort -PATH`; the caller checks what follows.
import { fail } from './errors';
import { MAX_PATH_DEPTH } from './limits';

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' };

/** Keys that would walk into the prototype chain of whatever a path is read from. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_INDEX_DIGITS = 9;

const isNameChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */ || c === 45; /* - */
/** Unquoted bracket keys may also hold the dots and slashes of label keys: `labels[kubernetes.io/arch]`. */
const isBareKeyChar = (c: number) => isNameChar(c) || c === 46 /* . */ || c === 47; /* / */

/** Reads one path starting at `start`; returns its segments and the offset just past it. */
export function parsePathAt(text: string, start: number): { segments: PathSegment[]; end: number } {
  const segments: PathSegment[] = [];
  const push = (segment: PathSegment, position: number) => {
    if (segment.kind === 'key' && FORBIDDEN_KEYS.has(segment.key)) {
      fail(`'${segment.key}' is not allowed in a path (position ${position})`, position);
    }
    if (segments.length === MAX_PATH_DEPTH) {
      fail(`path is deeper than ${MAX_PATH_DEPTH} segments at position ${position}`, position);
    }
    segments.push(segment);
  };

  let i = start;
  if (text[i] === '.') i++; // kubectl jsonpath habit: `.metadata.name`
  i = text[i] === '[' ? readBracket(i) : readName(i, 'a path');
  while (i < text.length) {
    if (text[i] === '.') i = readName(i + 1, "a name after '.'");
    else if (text[i] === '[') i = readBracket(i);
    else break;
  }
  return { segments, end: i };

  function readName(from: number, what: string): number {
    let j = from;
    while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
    if (j === from) {
      const ch = text[from];
      const hint = bracketHint(ch);
      fail(`expected ${what} at position ${from}, found ${ch === undefined ? 'the end' : `'${ch}'`}${hint}`, from);
    }
    push({ kind: 'key', key: text.slice(from, j) }, from);
    return j;
  }

  function readBracket(open: number): number {
    let j = open + 1;
    const ch = text[j];
    if (ch === '*') {
      push({ kind: 'all' }, j);
      j++;
    } else if (ch === '"' || ch === "'") {
      const { value, end } = readQuoted(j, ch);
      push({ kind: 'key', key: value }, j);
      j = end;
    } else if (j < text.length && isBareKeyChar(text.charCodeAt(j))) {
      const from = j;
      while (j < text.length && isBareKeyChar(text.charCodeAt(j))) j++;
      const bare = text.slice(from, j);
      if (/^-\d+$/.test(bare)) fail(`negative index ${bare} at position ${from} is not supported`, from);
      if (/^\d+$/.test(bare)) {
        if (bare.length > MAX_INDEX_DIGITS) fail(`index ${bare.slice(0, 12)}… is too large (position ${from})`, from);
        push({ kind: 'index', index: Number(bare) }, from);
      } else push({ kind: 'key', key: bare }, from);
    } else if (ch === ']') {
      fail(`empty '[]' at position ${open}: write an index, '*' or a quoted key`, open);
    } else if (ch !== undefined) {
      fail(`expected an index, '*' or a quoted key after '[' at position ${j}, found '${ch}'`, j);
    }
    if (text[j] !== ']') fail(`missing ']' at position ${j} to close '[' at position ${open}`, j);
    return j + 1;
  }

  function readQuoted(from: number, quote: string): { value: string; end: number } {
    let value = '';
    for (let j = from + 1; j < text.length; j++) {
      const ch = text[j];
      if (ch === quote) return { value, end: j + 1 };
      if (ch === '\\' && j + 1 < text.length) value += text[++j];
      else value += ch;
    }
    return fail(`unterminated ${quote} string starting at position ${from}`, from);
  }
}

/** The usual mistake: a label key with dots or slashes written after a dot. */
export function bracketHint(ch: string | undefined): string {
  return ch === '/' || ch === ':' ? ` (write keys with '${ch}' in brackets: ["…"])` : '';
}

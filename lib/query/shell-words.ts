// Splits a pasted shell line into words the way a POSIX shell would for the commands people paste:
// single quotes literal, double quotes with \" \\ \$ \` escapes, backslash outside quotes, `\`+newline
// continuations. Nothing is expanded or executed; pipes and redirections are refused, not ignored.
import { fail } from './errors';

export type ShellWord = { value: string; position: number };

const BLANK = new Set([' ', '\t', '\n', '\r']);
const OPERATORS = new Set(['|', ';', '&', '<', '>', '(', ')', '`']);
const DOUBLE_ESCAPABLE = new Set(['"', '\\', '$', '`']);
// Chat tools turn quotes into typographic ones; a pasted command should still work.
const SMART_QUOTES: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"' };

export function shellWords(input: string): ShellWord[] {
  const text = input.replace(/[\u2018\u2019\u201C\u201D]/g, (q) => SMART_QUOTES[q] ?? q);
  const words: ShellWord[] = [];
  let word: string | null = null;
  let start = 0;
  const add = (s: string, at: number) => {
    if (word === null) {
      word = '';
      start = at;
    }
    word += s;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const c = text.charCodeAt(i);
    if (BLANK.has(ch)) {
      if (word !== null) words.push({ value: word, position: start });
      word = null;
      i++;
    } else if (c < 0x20 || c === 0x7f) {
      fail(`control character U+${c.toString(16).padStart(4, '0').toUpperCase()} at position ${i}`, i);
    } else if (ch === '#' && word === null) {
      break; // a comment
    } else if (ch === '\\') {
      const next = text[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && text[i + 2] === '\n') i += 3;
      else {
        add(next ?? '\\', i);
        i += 2;
      }
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) fail(`unterminated ' quote opened at position ${i}`, i);
      add(text.slice(i + 1, close), i);
      i = close + 1;
    } else if (ch === '"') {
      i = readDouble(text, i, add);
    } else if (OPERATORS.has(ch)) {
      fail(`shell operator '${ch}' at position ${i} is not supported: paste only the command itself`, i);
    } else {
      add(ch, i);
      i++;
    }
  }
  if (word !== null) words.push({ value: word, position: start });
  return words;
}

function readDouble(text: string, open: number, add: (s: string, at: number) => void): number {
  let value = '';
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      add(value, open);
      return i + 1;
    }
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && DOUBLE_ESCAPABLE.has(next)) {
      value += next;
      i++;
    } else if (ch === '\\' && next === '\n') i++;
    else value += ch;
  }
  return fail(`unterminated " quote opened at position ${open}`, open);
}

// A quarter of a pod's JSON is metadata.managedFields, which the cache never keeps (strip.ts drops
// it). Parsing it anyway cost the first sync at 150,000 pods 1.5–2.5 s of its ~13: the objects are
// built, then live through the young-generation collections that land inside a page. So a LIST
// page's text (and a watch event's) loses its managedFields before JSON.parse.
//
// Why a text search is sound here: in JSON a `"` inside a string is always written `\"`. The bytes
// `"managedFields":[` that follow `{` or `,` (spaces aside) therefore open an object member named
// managedFields whose value is an array: a quote after `{` or `,` cannot be an escaped one, and
// the quote after the name ends that string. (Without the check a key ending in `\"managedFields`
// would match in its middle.) The array is then skipped by counting brackets outside strings.
// An array that never ends leaves the text as it was, and the caller parses the original if the
// cut text does not parse. Whitespace after the colon (not what an API server writes) just means
// nothing is cut, and what a cut array held is never read, so an error inside it goes unnoticed.

const KEY = '"managedFields":[';
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

/** JSON.parse of `text` without its managedFields members. Should the cut text not parse, the
 *  text as sent decides: it parses, or its own error is thrown. */
export function parseWithoutManagedFields(text: string): unknown {
  const cut = withoutManagedFields(text);
  if (cut === text) return JSON.parse(text);
  try {
    return JSON.parse(cut);
  } catch {
    return JSON.parse(text);
  }
}

/** `text` without any `"managedFields":[…]` member, and the comma that separated it; the text
 *  itself when there is none, or when one does not end. */
export function withoutManagedFields(text: string): string {
  let at = memberAt(text, 0);
  if (at < 0) return text;
  const parts: string[] = [];
  let from = 0;
  while (at >= 0) {
    const close = endOfArray(text, at + KEY.length);
    if (close < 0) return text;
    let start = at;
    let end = close;
    const next = skipSpace(text, end, 1);
    if (text.charCodeAt(next) === COMMA) end = next + 1;
    else {
      const before = skipSpace(text, start - 1, -1);
      if (text.charCodeAt(before) === COMMA) start = before;
    }
    parts.push(text.slice(from, start));
    from = end;
    at = memberAt(text, from);
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The next `"managedFields":[` at or after `from` that opens a member (after `{` or `,`); -1 if none. */
function memberAt(text: string, from: number): number {
  for (let at = text.indexOf(KEY, from); at >= 0; at = text.indexOf(KEY, at + 1)) {
    const before = text.charCodeAt(skipSpace(text, at - 1, -1));
    if (before === 123 /* { */ || before === COMMA) return at;
  }
  return -1;
}

/** The index just past the `]` closing the array whose contents begin at `i`; -1 if it never does. */
function endOfArray(text: string, i: number): number {
  const n = text.length;
  let depth = 1;
  while (i < n) {
    const c = text.charCodeAt(i++);
    if (c === QUOTE) {
      for (;;) {
        if (i >= n) return -1;
        const d = text.charCodeAt(i++);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) depth++;
    else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

function skipSpace(text: string, i: number, step: 1 | -1): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
    i += step;
  }
}

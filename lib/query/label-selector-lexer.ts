// Tokens of a Kubernetes label selector, with the same rules as apimachinery's lexer: whitespace
// separates, `= == != ! ( ) , < >` are symbols, anything else up to the next one is an identifier.

type TokenKind = 'id' | 'in' | 'notin' | '=' | '==' | '!=' | '!' | '(' | ')' | ',' | '<' | '>' | 'end';
export type Token = { kind: TokenKind; text: string; position: number };

const SYMBOLS = new Set(['=', '!', '(', ')', ',', '<', '>']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

export function tokenizeSelector(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (WHITESPACE.has(ch)) {
      i++;
      continue;
    }
    if (SYMBOLS.has(ch)) {
      const two = text.slice(i, i + 2);
      const kind: TokenKind = two === '==' || two === '!=' ? two : (ch as TokenKind);
      tokens.push({ kind, text: kind, position: i });
      i += kind.length;
      continue;
    }
    const start = i;
    while (i < text.length && !SYMBOLS.has(text[i] ?? '') && !WHITESPACE.has(text[i] ?? '')) i++;
    const word = text.slice(start, i);
    const kind: TokenKind = word === 'in' || word === 'notin' ? word : 'id';
    tokens.push({ kind, text: word, position: start });
  }
  tokens.push({ kind: 'end', text: 'end of input', position: text.length });
  return tokens;
}

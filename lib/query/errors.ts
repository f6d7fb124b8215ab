// How a malformed query is reported: what is wrong and where, so the route answers 400
// `{ error, where }`, the CLI exits 2 and the page underlines the offending part.

export type QueryErrorWhere = {
  /** the URL param (`f`), the flag as typed (`-f`, `--selector`), `kk` for a pasted command, or `query` */
  param: string;
  /** which repetition of a repeatable param (0-based) */
  index?: number;
  /** 0-based character offset into `input` */
  position?: number;
  input?: string;
};

export class QueryError extends Error {
  readonly where: QueryErrorWhere;
  constructor(message: string, where: QueryErrorWhere) {
    super(message);
    this.name = 'QueryError';
    this.where = where;
  }
}

/** Thrown by the inner grammars, which know positions but not which parameter they are reading. */
class SyntaxFailure extends Error {
  readonly position: number;
  constructor(reason: string, position: number) {
    super(reason);
    this.name = 'SyntaxFailure';
    this.position = position;
  }
}

export function fail(reason: string, position: number): never {
  throw new SyntaxFailure(reason, position);
}

/** Runs one grammar over one parameter value, turning its failure into a QueryError with context. */
export function inParam<T>(
  param: string,
  input: string,
  index: number | undefined,
  parse: (text: string) => T,
  { controlsChecked = false } = {},
): T {
  try {
    if (!controlsChecked) rejectControlChars(input);
    return parse(input);
  } catch (err) {
    if (!(err instanceof SyntaxFailure)) throw err;
    const which = index === undefined ? param : `${param} #${index + 1}`;
    const where: QueryErrorWhere = { param, position: err.position, input };
    if (index !== undefined) where.index = index;
    throw new QueryError(`${which}: ${err.message}, in ${quoteForMessage(input)}`, where);
  }
}

/** Control characters have no business in a query and would corrupt terminals and logs. */
function rejectControlChars(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      fail(`control character U+${c.toString(16).toUpperCase().padStart(4, '0')} at position ${i}`, i);
    }
  }
}

/** Echo user input in a message, bounded and escaped (it may be hostile or huge). */
function quoteForMessage(text: string): string {
  const shown = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return `'${shown.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

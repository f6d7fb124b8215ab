// The Query: what the flags, the URL and the kk box all parse into. Paths and selectors
// are kept as validated text, so a Query is plain JSON and round-trips through the URL.

/** `PATH=a/b/c`: the value at PATH is one of the alternatives; `!=` negates; `~=` is a
 *  case-insensitive substring test. */
export type Clause = { path: string; op: '=' | '!=' | '~='; values: string[] };

export type Column = {
  path: string;
  /** text output truncates to this and pads to width + 4, as kk did */
  width: number;
  /** written explicitly (`path:16`), so it is kept when the query is printed back */
  widthSet: boolean;
};

export type SortKey = { path: string; desc: boolean };

export type Query = {
  /** canonical label selector on the pod */
  labelSelector?: string;
  /** [] = all namespaces */
  namespaces: string[];
  /** canonical label selector on the node */
  nodeSelector?: string;
  include: Clause[];
  exclude: Clause[];
  /** [] = the default columns */
  columns: Column[];
  sort: SortKey[];
};

export function emptyQuery(): Query {
  return { namespaces: [], include: [], exclude: [], columns: [], sort: [] };
}

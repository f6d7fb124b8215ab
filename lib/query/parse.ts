// The parsing half of the query language in one import: types, errors, URL, flags and the kk box.
export type { Clause, Query } from './query';
export { QueryError } from './errors';
export { parseQueryParams, queryToParams } from './url-params';
export { parseFlags } from './flags';
export { parseKkCommand } from './kk-command';

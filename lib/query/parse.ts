// The parsing half of the query language in one import: types, errors, URL, flags and the kk box.
export type { Clause, Column, Query, SortKey } from './query';
export { emptyQuery } from './query';
export { QueryError, type QueryErrorWhere } from './errors';
export { parseQueryParams, queryToParams, type QueryParamsInput } from './url-params';
export { parseFlags, type ParsedFlags } from './flags';
export { parseKkCommand, parseKkCommandLine, type KkCommand } from './kk-command';

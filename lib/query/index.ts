// lib/query: one parser and evaluator for the CLI, the HTTP API and the page. Pure: no
// Node-only imports, so it bundles for the browser.
export * from './parse';
export { compilePath } from './path';
export { rowFieldOfPath, columnIdOf, isCustomColumn, type RowField } from './row-fields';
export { cellOf, sortValueOf, compareSortValues, effectiveSort, orderBy, orderByTextKeys, type SortValue } from './sort';
export { compileQuery, filterRows, sortRows } from './evaluate';
export { formatText, formatCsv, formatJsonRows, formatNdjson, formatRecordsCsv } from './format';
export * as limits from './limits';
export { compileRecordQuery, selectRecords, recordFieldOf, type RecordSchema } from './record-query';
export { emptyQuery } from './query';

// lib/query: one parser and evaluator for the CLI, the HTTP API and the page. Pure: no
// Node-only imports, so it bundles for the browser.
export * from './parse';
export { parseLabelSelector, formatLabelSelector, type Requirement, type SelectorOp } from './label-selector';
export { compileLabelSelector, labelSelectorMatcher, type LabelMatcher } from './label-matcher';
export { compilePath, parsePath, valueToText, Fanout, type PathAccessor, type PathSegment } from './path';
export { rowFieldOf, rowFieldOfPath, columnIdOf, isCustomColumn, ROW_FIELDS, type RowField } from './row-fields';
export { cellOf, sortValueOf, compareSortValues, effectiveSort, DEFAULT_SORT, type Cell, type SortValue } from './sort';
export {
  compileQuery,
  filterRows,
  sortRows,
  DEFAULT_TEXT_COLUMNS,
  DEFAULT_COLUMNS,
  type CompiledQuery,
  type CompiledColumn,
} from './evaluate';
export { formatText, formatCsv, formatJsonRows, formatNdjson, type ColumnSpec } from './format';
export * as limits from './limits';

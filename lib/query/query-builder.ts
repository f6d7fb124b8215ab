// Shared by the URL reader and the flag reader: each piece of query text is checked against the
// limits, parsed with its grammar, and any failure reported against the param or flag it came from.
import { QueryError, inParam, fail } from './errors';
import { parseRequirements, formatLabelSelector, type Requirement } from './label-selector';
import { namespaceProblem } from './label-syntax';
import { parseClause } from './clause';
import { parseColumnList, parseSortList } from './column-list';
import { MAX_CLAUSES, MAX_COLUMNS, MAX_QUERY_BYTES, MAX_SORT_KEYS, boundedByteLength } from './limits';
import { emptyQuery, type Query } from './query';

export class QueryBuilder {
  private readonly query = emptyQuery();
  private readonly pod: Requirement[] = [];
  private readonly node: Requirement[] = [];
  private readonly namespaces = new Set<string>();
  private allNamespaces = false;
  private bytes = 0;

  labelSelector(param: string, text: string): void {
    this.pod.push(...inParam(param, this.counted(param, text), undefined, parseRequirements));
  }

  nodeSelector(param: string, text: string): void {
    this.node.push(...inParam(param, this.counted(param, text), undefined, parseRequirements));
  }

  /** `a,b` or repeated; `-A` wins over any `-n`, as in kubectl. */
  namespace(param: string, text: string): void {
    inParam(param, this.counted(param, text), undefined, (input) => {
      let position = 0;
      for (const part of input.split(',')) {
        const ns = part.trim();
        const problem = ns === '' ? null : namespaceProblem(ns);
        if (problem) fail(`${problem} (position ${position + part.indexOf(ns)})`, position + part.indexOf(ns));
        if (ns !== '') this.namespaces.add(ns);
        position += part.length + 1;
      }
    });
  }

  everyNamespace(): void {
    this.allNamespaces = true;
  }

  /** An empty clause is skipped, like kk's empty column: an emptied form field is not an error. */
  clause(kind: 'include' | 'exclude', param: string, text: string, index: number): void {
    if (text === '') return;
    const clause = inParam(param, this.counted(param, text), index, parseClause);
    if (this.query.include.length + this.query.exclude.length === MAX_CLAUSES) {
      throw new QueryError(`${param}: more than ${MAX_CLAUSES} -f/-e clauses`, { param, index, input: text });
    }
    this.query[kind].push(clause);
  }

  columns(param: string, text: string): void {
    this.query.columns.push(...inParam(param, this.counted(param, text), undefined, parseColumnList));
    if (this.query.columns.length > MAX_COLUMNS) {
      throw new QueryError(`${param}: more than ${MAX_COLUMNS} columns`, { param, input: text });
    }
  }

  sort(param: string, text: string): void {
    this.query.sort.push(...inParam(param, this.counted(param, text), undefined, parseSortList));
    if (this.query.sort.length > MAX_SORT_KEYS) {
      throw new QueryError(`${param}: more than ${MAX_SORT_KEYS} sort keys`, { param, input: text });
    }
  }

  build(): Query {
    const q = this.query;
    if (this.pod.length > 0) q.labelSelector = formatLabelSelector(this.pod);
    if (this.node.length > 0) q.nodeSelector = formatLabelSelector(this.node);
    q.namespaces = this.allNamespaces ? [] : [...this.namespaces];
    return q;
  }

  /** Limits are checked before any parsing, so a hostile 10 MB value costs one length check. */
  private counted(param: string, text: string): string {
    this.bytes += boundedByteLength(text);
    if (this.bytes > MAX_QUERY_BYTES) {
      throw new QueryError(`the query is longer than ${MAX_QUERY_BYTES / 1024} KB (at ${param})`, { param });
    }
    return text;
  }
}

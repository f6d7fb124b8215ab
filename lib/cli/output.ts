// What the CLI prints: kk's padded text, or a JSON array.
import type { PodNodeRow } from '@/lib/podnode/types';
import { formatJsonRows, formatText } from '@/lib/query';
import type { CliOptions } from './options';

export function renderRows(rows: readonly PodNodeRow[], opts: CliOptions): string {
  if (opts.json) {
    const columns = opts.query.columns.length > 0 ? opts.query.columns : undefined;
    return JSON.stringify(formatJsonRows(rows, columns), null, 2) + '\n';
  }
  return formatText(rows, opts.query.columns, { headers: !opts.noHeaders });
}

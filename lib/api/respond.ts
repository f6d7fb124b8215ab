// /api/podnodes in its four formats. Text is kk's padded layout, so `curl … | less` reads like kk.
import 'server-only';
import { formatCsv, formatNdjson, formatText } from '@/lib/query';
import { selectRows, cellColumns, toWireRow } from '@/lib/rows/select';
import { csvResponse, json } from '@/lib/api/http';
import { streamJsonWithArray } from '@/lib/api/json-stream';
import type { View } from '@/lib/api/view';

export function respondPodNodes({ query, index, params, format }: View): Response {
  const { rows, compiled } = selectRows(index.candidates(query), query);
  const status = index.cache.getStatus();
  const headers = { 'X-Podnode-Status': status.state, 'X-Podnode-Matched': String(rows.length) };
  const filename = `podnodes-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '')}`;

  switch (format) {
    case 'text':
      return new Response(formatText(rows, query.columns, { headers: params.get('headers') !== 'false' }), {
        headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    case 'csv':
      return csvResponse(formatCsv(rows, query.columns), filename, headers);
    case 'ndjson':
      return new Response(formatNdjson(rows, query.columns.length > 0 ? query.columns : undefined), {
        headers: { ...headers, 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' },
      });
    case 'json': {
      // Rows without the pod/node objects, plus the `o` columns as cells: ~400 bytes a row instead
      // of ~6 KB. objects=1 adds the stripped pod and node, so every path stays reachable; those
      // rows are streamed a chunk at a time rather than built as one string.
      const objects = params.get('objects') === '1';
      const cells = cellColumns(compiled, query);
      const head = { total: index.size, matched: rows.length, status, lastSyncAt: status.lastSyncAt, context: index.cache.context() };
      const download = params.get('download') === '1';
      const disposition: Record<string, string> = download ? { 'Content-Disposition': `attachment; filename="${filename}.json"` } : {};
      if (objects) return streamJsonWithArray(head, 'rows', rows, { ...headers, ...disposition });
      return json({ rows: rows.map((r) => toWireRow(r, cells)), ...head }, { headers: { ...headers, ...disposition } });
    }
  }
}

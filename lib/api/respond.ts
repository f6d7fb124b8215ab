// /api/podnodes in its four formats. Text is kk's padded layout, so `curl … | less` reads like kk.
import 'server-only';
import { formatCsv, formatNdjson, formatText } from '@/lib/query';
import { selectRows, cellColumns, toWireRow } from '@/lib/api/select';
import { badRequest, json, type ParsedRequest } from '@/lib/api/http';

const FORMATS = ['json', 'csv', 'ndjson', 'text'] as const;
type Format = (typeof FORMATS)[number];

/** How long a request waits for a cache that is still syncing before answering with what it has. */
const SYNC_WAIT_MS = 10_000;

export async function respondPodNodes({ query, index, params }: ParsedRequest): Promise<Response> {
  const format = (params.get('format') ?? 'json') as Format;
  if (!FORMATS.includes(format)) {
    return badRequest({ error: `unknown format "${format}": use one of ${FORMATS.join(', ')}`, where: { param: 'format' } });
  }
  await index.cache.whenSynced(SYNC_WAIT_MS).catch(() => undefined);
  const { rows, compiled } = selectRows(index.rows(), query);
  const status = index.cache.getStatus();
  const headers = { 'X-Podnode-Status': status.state, 'X-Podnode-Matched': String(rows.length) };
  const filename = `podnodes-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '')}`;

  switch (format) {
    case 'text':
      return new Response(formatText(rows, query.columns, { headers: params.get('headers') !== 'false' }), {
        headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    case 'csv':
      return new Response(formatCsv(rows, query.columns), {
        headers: {
          ...headers,
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${filename}.csv"`,
          'Cache-Control': 'no-store',
        },
      });
    case 'ndjson':
      return new Response(formatNdjson(rows, query.columns.length > 0 ? query.columns : undefined), {
        headers: { ...headers, 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' },
      });
    case 'json': {
      // Rows without the pod/node objects, plus the `o` columns as text: ~400 bytes a row instead
      // of ~6 KB. objects=1 adds the stripped pod and node, so every path stays reachable.
      const objects = params.get('objects') === '1';
      const cells = cellColumns(compiled);
      const body = {
        rows: objects ? rows : rows.map((r) => toWireRow(r, cells)),
        total: index.size,
        matched: rows.length,
        status,
        lastSyncAt: status.lastSyncAt,
        context: index.cache.context(),
      };
      const download = params.get('download') === '1';
      return json(body, {
        headers: { ...headers, ...(download ? { 'Content-Disposition': `attachment; filename="${filename}.json"` } : {}) },
      });
    }
  }
}

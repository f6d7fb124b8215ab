// `--server URL`: ask a running PodNode dashboard, which already holds the cluster in its cache —
// the API server sees nothing from this command at all.
import { QueryError, queryToParams } from '@/lib/query';
import { apiErrorSchema } from '@/lib/rows/wire';
import type { CliOptions } from './options';
import { UnreachableError } from './live';
import { printer } from './printer';
import { readSse } from './sse-reader';


export async function runRemote(server: string, opts: CliOptions): Promise<number> {
  const base = server.replace(/\/+$/, '');
  const params = queryToParams(opts.query);
  if (opts.context) params.set('ctx', opts.context);
  const auth: Record<string, string> = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};
  const fetchOnce = () => fetchRendered(base, params, opts, auth);
  if (!opts.watch) {
    process.stdout.write(await fetchOnce());
    return 0;
  }
  // Watch: the dashboard's stream says when the slice changed; the table is then fetched rendered.
  const print = printer(process.stdout);
  print(await fetchOnce());
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = true;
  try {
    await readSse(`${base}/api/podnodes/stream?${params}`, abort.signal, auth, (event) => {
      if (event === 'snapshot' && first) return void (first = false);
      if (event !== 'patch' && event !== 'snapshot') return;
      timer ??= setTimeout(() => {
        timer = undefined;
        fetchOnce().then(print, (err) => process.stderr.write(`podnode: ${String(err)}\n`));
      }, 300);
    });
  } catch (err) {
    if (!abort.signal.aborted) throw err;
  } finally {
    if (timer) clearTimeout(timer);
  }
  return 0;
}

async function fetchRendered(base: string, params: URLSearchParams, opts: CliOptions, auth: Record<string, string>): Promise<string> {
  const p = new URLSearchParams(params);
  // ndjson keeps values raw (numbers, objects) for --json; text is rendered by the server as kk did.
  p.set('format', opts.json ? 'ndjson' : 'text');
  if (opts.noHeaders) p.set('headers', 'false');
  const url = `${base}/api/podnodes?${p}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: auth });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? String(err);
    throw new UnreachableError(`cannot reach the dashboard at ${base}: ${cause}`);
  }
  const body = await res.text();
  if (res.status === 400) {
    const parsed = apiErrorSchema.safeParse(safeJson(body));
    throw new QueryError(parsed.success ? parsed.data.error : body, { param: parsed.success ? parsed.data.where?.param ?? 'query' : 'query' });
  }
  if (res.status === 401) throw new UnreachableError(`the dashboard at ${base} needs its access token: pass --token or set PODNODE_TOKEN`);
  if (!res.ok) throw new UnreachableError(`the dashboard at ${base} answered ${res.status}: ${body.slice(0, 200)}`);
  if (!opts.json) return body;
  const rows = body.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  return JSON.stringify(rows, null, 2) + '\n';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

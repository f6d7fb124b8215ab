// `kubectl podnode get workloads|wl`: spot risk per workload, from the same selection the
// dashboard's /workloads serves, live, over a dashboard (--server), or watched.
import { QueryError, queryToParams } from '@/lib/query';
import { selectWorkloads } from '@/lib/rows/workload-view';
import { RISK_FLAGS } from '@/lib/podnode/workload-risk';
import { workloadRowSchema, apiErrorSchema, type WireWorkload } from '@/lib/rows/wire';
import { z } from 'zod';
import type { CliOptions } from './options';
import { openLive, UnreachableError } from './live';
import { printer } from './printer';

const COLUMNS: Array<[string, number, (w: WireWorkload) => string]> = [
  ['NAMESPACE', 16, (w) => w.namespace],
  ['KIND', 11, (w) => w.kind],
  ['NAME', 32, (w) => w.name],
  ['READY', 9, (w) => `${w.ready}/${w.replicas}`],
  ['SPOT', 9, (w) => `${w.spotReplicas}/${w.scheduled}`],
  ['ZONES', 5, (w) => String(w.zones.length)],
  ['NODES', 5, (w) => String(w.nodes)],
  ['PDB', 24, (w) => (w.pdbs.length ? `${w.pdbs.join(',')} (${w.disruptionsAllowed ?? '?'})` : 'NA')],
  ['FLAGS', 60, (w) => RISK_FLAGS.filter((f) => w[f.key]).map((f) => f.key).join(',') || 'NA'],
];

/** kubectl-style columns: each value cut to its width and padded by three spaces. */
function renderWorkloads(rows: readonly WireWorkload[], opts: Pick<CliOptions, 'json' | 'noHeaders'>): string {
  if (opts.json) return JSON.stringify(rows, null, 2) + '\n';
  const fit = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').padEnd(width + 3);
  const lines = opts.noHeaders ? [] : [COLUMNS.map(([h, w]) => fit(h, w)).join('').trimEnd()];
  for (const row of rows) lines.push(COLUMNS.map(([, w, get]) => fit(get(row), w)).join('').trimEnd());
  return lines.join('\n') + '\n';
}

export async function runWorkloads(opts: CliOptions): Promise<number> {
  if (opts.server !== undefined) {
    process.stdout.write(renderWorkloads(await fetchWorkloads(opts.server, opts), opts));
    return 0;
  }
  const live = await openLive(opts);
  const render = () => renderWorkloads(selectWorkloads(live.index, opts.query), opts);
  if (!opts.watch) {
    process.stdout.write(render());
    await live.close();
    return 0;
  }
  const print = printer(process.stdout);
  print(render());
  await new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = live.index.onChange(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        print(render());
      }, 500);
    });
    const stop = () => {
      unsubscribe();
      clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await live.close();
  return 0;
}

async function fetchWorkloads(server: string, opts: CliOptions): Promise<WireWorkload[]> {
  const base = server.replace(/\/+$/, '');
  const params = queryToParams(opts.query);
  if (opts.context) params.set('ctx', opts.context);
  let res: Response;
  try {
    res = await fetch(`${base}/api/workloads?${params}`, { headers: opts.token ? { Authorization: `Bearer ${opts.token}` } : {} });
  } catch (err) {
    throw new UnreachableError(`cannot reach the dashboard at ${base}: ${(err as { cause?: { message?: string } }).cause?.message ?? String(err)}`);
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 400) {
    const e = apiErrorSchema.safeParse(body);
    throw new QueryError(e.success ? e.data.error : 'the dashboard refused the query', { param: e.success ? (e.data.where?.param ?? 'query') : 'query' });
  }
  if (res.status === 401) throw new UnreachableError(`the dashboard at ${base} needs its access token: pass --token or set PODNODE_TOKEN`);
  const parsed = z.object({ workloads: z.array(workloadRowSchema) }).safeParse(body);
  if (!res.ok || !parsed.success) throw new UnreachableError(`the dashboard at ${base} answered ${res.status} without workloads`);
  return parsed.data.workloads;
}

// Simulator at scale: startup time and RSS after GC at 5,000 nodes / 150,000 pods, and
// paged LIST throughput (limit 500, full chain) over real HTTP from a separate client process.
// Run: npx tsx bench/sim-scale.ts [--nodes 5000] [--pods 150000] [--limit 500]
// The simulator runs in a child (node --expose-gc --import tsx) so its memory is measured alone.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { parseArgs } from 'node:util';

type Ready = { url: string; startupMs: number; rssMb: number; heapMb: number; externalMb: number; pods: number; nodes: number };
type Msg = { type: 'ready'; ready: Ready } | { type: 'rss'; rssMb: number; heapMb: number };

const { values } = parseArgs({ options: { nodes: { type: 'string' }, pods: { type: 'string' }, limit: { type: 'string' }, child: { type: 'boolean' } } });
const nodes = Number(values.nodes ?? 5000);
const pods = Number(values.pods ?? 150_000);
const limit = Number(values.limit ?? 500);

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20, externalMb: m.external / 2 ** 20 };
}

async function child(): Promise<void> {
  const { startSim } = await import('../lib/sim/index');
  const t0 = performance.now();
  const sim = await startSim({ nodes, pods, seed: 1, profile: 'mixed', namespaces: ['streamtech', 'content', 'commerce'] });
  const startupMs = performance.now() - t0;
  process.send?.({ type: 'ready', ready: { url: sim.url, startupMs, pods: sim.cluster.pods(), nodes: sim.cluster.nodes(), ...memory() } } satisfies Msg);
  process.on('message', (m) => {
    if (m === 'rss') process.send?.({ type: 'rss', ...memory() } satisfies Msg);
    if (m === 'stop') void sim.stop().then(() => process.exit(0));
  });
}

function next(c: ChildProcess): Promise<Msg> {
  return new Promise((resolve, reject) => { c.once('message', (m) => resolve(m as Msg)); c.once('exit', (code) => reject(new Error(`sim exited ${code}`))); });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function getPage(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** One full paged chain, as an informer's initial LIST does; JSON.parse time reported apart. */
async function pagedList(url: string): Promise<{ items: number; bytes: number; pages: number; ms: number; parseMs: number }> {
  const t0 = performance.now();
  let items = 0; let bytes = 0; let pages = 0; let cont = ''; let parseMs = 0;
  for (let i = 0; i < 100_000; i++) {
    const res = await getPage(`${url}/api/v1/pods?limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    if (res.status !== 200) throw new Error(`page ${pages}: HTTP ${res.status} ${res.body.toString('utf8', 0, 200)}`);
    const p0 = performance.now();
    const page = JSON.parse(res.body.toString('utf8')) as { items: unknown[]; metadata: { continue?: string } };
    parseMs += performance.now() - p0;
    items += page.items.length; bytes += res.body.length; pages++;
    cont = page.metadata.continue ?? '';
    if (!cont) break;
  }
  return { items, bytes, pages, ms: performance.now() - t0, parseMs };
}

async function parent(): Promise<void> {
  const c = fork(process.argv[1] as string, ['--child', '--nodes', String(nodes), '--pods', String(pods)], { execArgv: ['--expose-gc', '--import', 'tsx'] });
  try {
    const msg = await next(c);
    if (msg.type !== 'ready') throw new Error('unexpected message');
    const r = msg.ready;
    console.log(`sim: ${r.nodes} nodes, ${r.pods} pods, startup ${(r.startupMs / 1000).toFixed(1)} s`);
    console.log(`sim RSS after GC: ${r.rssMb.toFixed(0)} MB (heap used ${r.heapMb.toFixed(0)} MB, external ${r.externalMb.toFixed(0)} MB)`);
    for (let run = 1; run <= 2; run++) {
      const l = await pagedList(r.url);
      console.log(`paged LIST #${run} (limit ${limit}): ${l.items} pods in ${l.pages} pages, ${(l.ms / 1000).toFixed(2)} s → ${Math.round(l.items / (l.ms / 1000))} pods/s, ${(l.bytes / 2 ** 20 / (l.ms / 1000)).toFixed(0)} MB/s, avg ${Math.round(l.bytes / l.items)} B/pod; client JSON.parse ${(l.parseMs / 1000).toFixed(2)} s of it (${Math.round(l.items / ((l.ms - l.parseMs) / 1000))} pods/s without it)`);
    }
    c.send('rss');
    const after = await next(c);
    if (after.type === 'rss') console.log(`sim RSS after the LISTs and GC: ${after.rssMb.toFixed(0)} MB (heap used ${after.heapMb.toFixed(0)} MB)`);
    c.send('stop');
  } finally {
    setTimeout(() => c.kill(), 5000).unref();
  }
}

if (values.child) void child(); else void parent();

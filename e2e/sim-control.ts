// e2e support: the simulator runs in its own process (playwright.config.ts); tests reach it over
// its /sim control endpoint, as any out-of-process client would.
import { readSseBody } from '../lib/rows/sse-wire';

export const SIM_URL = process.env.PODNODE_SIM_URL ?? 'http://127.0.0.1:16443';

export type SimStats = { total: number; counts: Record<string, number>; listChains: Record<string, number> };

export async function simStats(): Promise<SimStats> {
  const res = await fetch(`${SIM_URL}/sim/stats`);
  return (await res.json()) as SimStats;
}

export async function simMutate(body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${SIM_URL}/sim/mutate`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  if (!res.ok) throw new Error(`sim mutate ${JSON.stringify(body)}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function simFaults(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${SIM_URL}/sim/faults`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  if (!res.ok) throw new Error(`sim faults ${JSON.stringify(body)}: ${res.status} ${await res.text()}`);
}

/** Opens the SSE stream and resolves with the first event of the given name (and a way to close). */
export async function openStream(url: string): Promise<{ events: { event: string; data: string }[]; close: () => void; ready: Promise<void> }> {
  const abort = new AbortController();
  const events: { event: string; data: string }[] = [];
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const res = await fetch(url, { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
  if (!res.ok || !res.body) throw new Error(`stream ${url}: ${res.status}`);
  readSseBody(res.body as unknown as AsyncIterable<Uint8Array>, (event, data) => {
    events.push({ event, data });
    if (event === 'snapshot') resolveReady();
  }).catch(() => {}); // aborted by close()
  return { events, close: () => abort.abort(), ready };
}

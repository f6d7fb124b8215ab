// The simulator as the chaos suite drives it: over its HTTP control endpoint (the same whether it
// runs in the test's process or its own), and a fresh LIST to judge a cache against. The suite's
// own LISTs are counted here so they can be taken out of the simulator's request counts.
export type Versions = Map<string, string>;
export type SimStatsBody = { total: number; counts: Record<string, number>; listChains: Record<string, number> };

/** the resources whose request counts are bounded, as the simulator names them */
export const RESOURCES = ['pods', 'nodes', 'poddisruptionbudgets', 'events'] as const;
export type SimResource = (typeof RESOURCES)[number];

export class SimControl {
  private readonly ownLists = new Map<string, number>();

  constructor(readonly url: string) {}

  async faults(spec: Record<string, unknown>): Promise<void> {
    await this.post('/sim/faults', spec);
  }

  async mutate(op: Record<string, unknown>): Promise<void> {
    await this.post('/sim/mutate', op);
  }

  async currentFaults(): Promise<Record<string, unknown>> {
    return (await (await fetch(`${this.url}/sim/faults`)).json()) as Record<string, unknown>;
  }

  async resetStats(): Promise<void> {
    await this.post('/sim/stats/reset', {});
    this.ownLists.clear();
  }

  /** the counts since the last reset, less this suite's own LISTs */
  async stats(): Promise<SimStatsBody> {
    const s = (await (await fetch(`${this.url}/sim/stats`)).json()) as SimStatsBody;
    for (const [resource, n] of this.ownLists) {
      s.counts[`list ${resource}`] = (s.counts[`list ${resource}`] ?? 0) - n;
      s.listChains[resource] = (s.listChains[resource] ?? 0) - n;
    }
    return s;
  }

  /** uid → resourceVersion of every pod or node, one unpaged LIST (one request, one chain) */
  async list(resource: 'pods' | 'nodes'): Promise<Versions> {
    const res = await fetch(`${this.url}/api/v1/${resource}`);
    if (!res.ok) throw new Error(`LIST ${resource}: HTTP ${res.status}`);
    this.ownLists.set(resource, (this.ownLists.get(resource) ?? 0) + 1);
    const body = (await res.json()) as { items: Array<{ metadata: { uid: string; resourceVersion?: string } }> };
    return new Map(body.items.map((o) => [o.metadata.uid, o.metadata.resourceVersion ?? '']));
  }

  private async post(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${this.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    if (!res.ok) throw new Error(`${path} ${JSON.stringify(body)}: HTTP ${res.status} ${await res.text()}`);
  }
}

/** What differs between a cache and a LIST, for a failure message ('' when equal). */
export function versionDiff(what: string, held: Versions, listed: Versions): string {
  const missing = [...listed.keys()].filter((k) => !held.has(k));
  const extra = [...held.keys()].filter((k) => !listed.has(k));
  const behind = [...listed].filter(([k, v]) => held.has(k) && held.get(k) !== v).map(([k]) => k);
  if (!missing.length && !extra.length && !behind.length) return '';
  return `${what}: ${missing.length} missing, ${extra.length} extra, ${behind.length} at another resourceVersion`;
}

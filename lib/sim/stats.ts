// Request and byte counters, readable by tests and the bench: they prove that N viewers cost the API
// server one paged LIST chain and one WATCH per resource, and what those cost in bytes.
import type { ServerResponse } from 'node:http';
import type { SimStats } from './types';

export type Verb = 'list' | 'watch' | 'get' | 'write' | 'discovery' | 'table' | 'failed';

export class StatsCounter {
  private counts = new Map<string, number>();
  private chains = new Map<string, number>();
  private bytes = new Map<string, number>();
  private total = 0;
  private bytesTotal = 0;
  private readonly metered = new WeakSet<ServerResponse>();

  /** With `res`, the body bytes it writes from then on are counted under the same key. */
  count(verb: Verb, resource: string, res?: ServerResponse): void {
    const key = `${verb} ${resource}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
    if (res) this.meter(res, key);
  }

  /** a LIST without `continue`: the first page of a chain (a single-page LIST is a chain too) */
  chainStart(resource: string): void {
    this.chains.set(resource, (this.chains.get(resource) ?? 0) + 1);
  }

  snapshot(): SimStats {
    return {
      total: this.total, counts: Object.fromEntries(this.counts), listChains: Object.fromEntries(this.chains),
      bytesTotal: this.bytesTotal, bytes: Object.fromEntries(this.bytes),
    };
  }

  reset(): void { this.counts.clear(); this.chains.clear(); this.bytes.clear(); this.total = 0; this.bytesTotal = 0; }

  /** Counted as written, not when the response ends: a watch stays open for minutes, and its bytes
   *  must show in the minute they were sent (a reset counts an open watch's later bytes anew). */
  private meter(res: ServerResponse, key: string): void {
    if (this.metered.has(res)) return;
    this.metered.add(res);
    const add = (chunk: unknown) => {
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) return;
      const n = Buffer.byteLength(chunk);
      this.bytes.set(key, (this.bytes.get(key) ?? 0) + n);
      this.bytesTotal += n;
    };
    const { write, end } = res;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      add(chunk);
      return Reflect.apply(write, this, [chunk, ...rest]) as boolean;
    } as typeof res.write;
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      add(chunk);
      return Reflect.apply(end, this, [chunk, ...rest]) as ServerResponse;
    } as typeof res.end;
  }
}

// Request counters, readable by tests: they prove that N viewers cost the API server one paged
// LIST chain and one WATCH per resource.
import type { SimStats } from './types';

export type Verb = 'list' | 'watch' | 'get' | 'write' | 'discovery' | 'table' | 'failed';

export class StatsCounter {
  private counts = new Map<string, number>();
  private chains = new Map<string, number>();
  private total = 0;

  count(verb: Verb, resource: string): void {
    const key = `${verb} ${resource}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }

  /** a LIST without `continue`: the first page of a chain (a single-page LIST is a chain too) */
  chainStart(resource: string): void {
    this.chains.set(resource, (this.chains.get(resource) ?? 0) + 1);
  }

  snapshot(): SimStats {
    return { total: this.total, counts: Object.fromEntries(this.counts), listChains: Object.fromEntries(this.chains) };
  }

  reset(): void { this.counts.clear(); this.chains.clear(); this.total = 0; }
}

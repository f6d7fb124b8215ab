// The rows the page holds, by uid, as snapshots and patches arrive. Each entry carries its
// lowercase search text, computed once when the row arrives, so a quick-filter keystroke over
// 50,000 rows is one `includes` per row and nothing else.
import type { PatchEvent, WireRow } from '@/lib/rows/wire';

export type Entry = { kind: 'row'; row: WireRow; search: string; changedAt: number };
/** one applied change, so a sorted view can move just the changed rows */
export type Change = { old: Entry | undefined; next: Entry | undefined };

function searchTextOf(row: WireRow): string {
  let s = `${row.namespace} ${row.podName} ${row.status} ${row.appName} ${row.nodeName ?? ''} ${row.nodeGroup ?? ''} ${row.capacityType} ${row.zone ?? ''} ${row.instanceType ?? ''} ${row.ownerName ?? ''}`;
  if (row.cells) for (const v of Object.values(row.cells)) s += ` ${v ?? 'NA'}`; // as the cell shows it
  return s.toLowerCase();
}

function entryOf(row: WireRow, changedAt: number): Entry {
  return { kind: 'row', row, search: searchTextOf(row), changedAt };
}

export class RowStore {
  readonly byUid = new Map<string, Entry>();
  /** changes that arrived while paused: uid → row, or null for a delete */
  readonly pending = new Map<string, WireRow | null>();
  version = 0;
  /** when the latest applied change arrived: rows changed shortly before it still flash */
  lastChangeAt = 0;
  /** bumped when the whole set is replaced: incremental views must start over */
  resets = 0;
  /** changes since the last reset; journal[i] has sequence number journalBase + i */
  private journal: Change[] = [];
  private journalBase = 0;
  private cached: Entry[] | null = null;

  replace(rows: WireRow[]): void {
    this.byUid.clear();
    this.pending.clear();
    for (const row of rows) this.byUid.set(row.uid, entryOf(row, 0));
    this.resets++;
    this.journalBase += this.journal.length;
    this.journal = [];
    this.touch();
  }

  get journalEnd(): number {
    return this.journalBase + this.journal.length;
  }

  /** the changes after sequence number `seq`, or null when they are no longer kept */
  changesSince(seq: number): Change[] | null {
    if (seq < this.journalBase) return null;
    return this.journal.slice(seq - this.journalBase);
  }

  /** Apply now, or queue while paused (a later change to the same uid replaces the queued one). */
  patch(p: Pick<PatchEvent, 'upserts' | 'deletes'>, paused: boolean, now = Date.now()): void {
    if (paused) {
      for (const uid of p.deletes) this.pending.set(uid, null);
      for (const row of p.upserts) this.pending.set(row.uid, row);
      this.version++;
      return;
    }
    this.lastChangeAt = now;
    for (const uid of p.deletes) {
      const old = this.byUid.get(uid);
      if (!old) continue;
      this.byUid.delete(uid);
      this.journal.push({ old, next: undefined });
    }
    for (const row of p.upserts) {
      const next = entryOf(row, now);
      this.journal.push({ old: this.byUid.get(row.uid), next });
      this.byUid.set(row.uid, next);
    }
    if (this.journal.length > 50_000) {
      // nobody reads that far back: a view that far behind re-sorts from scratch
      this.journalBase += this.journal.length;
      this.journal = [];
    }
    this.touch();
  }

  flushPending(now = Date.now()): void {
    if (this.pending.size === 0) return;
    const upserts: WireRow[] = [];
    const deletes: string[] = [];
    for (const [uid, row] of this.pending) {
      if (row) upserts.push(row);
      else deletes.push(uid);
    }
    this.pending.clear();
    this.patch({ upserts, deletes }, false, now);
  }

  entries(): Entry[] {
    return (this.cached ??= [...this.byUid.values()]);
  }

  private touch(): void {
    this.cached = null;
    this.version++;
  }
}

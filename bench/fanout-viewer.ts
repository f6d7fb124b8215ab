// One lightweight viewer of /api/podnodes/stream, as a plain HTTP client (no browser): it keeps
// uid → version the way the page's row store keeps rows (snapshot, then upserts and deletes), and
// times each pod write it receives against the stamp the simulator put on the pod.
import { readSse } from '@/lib/cli/sse-reader';

/** the custom columns every viewer asks for: when the simulator wrote the pod, and its version */
export const STAMP_PATH = 'pod.metadata.annotations["sim.podnode.dev/emitted-at"]';
export const RV_PATH = 'pod.metadata.resourceVersion';

type Cells = Record<string, string | number | null>;
export type WireRowLike = { uid: string; cells?: Cells };
type Snapshot = { rows: WireRowLike[] };
type Patch = { upserts: WireRowLike[]; deletes: string[] };

/** the pod's stamp and resourceVersion: two rows agree only when they show the same write */
export const versionOf = (r: WireRowLike): string => `${r.cells?.[STAMP_PATH] ?? ''}|${r.cells?.[RV_PATH] ?? ''}`;

export class Viewer {
  readonly rows = new Map<string, string>();
  /** ms from the simulator's write to this client's parse, one per new pod version received */
  readonly latencies: number[] = [];
  upserts = 0;
  deletes = 0;
  /** set when the stream failed or ended early: a viewer that lost its stream has lost messages */
  error: string | null = null;
  private readonly controller = new AbortController();
  private ended: Promise<void> | null = null;

  /** Resolves once the snapshot has been applied. */
  start(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ended = readSse(url, this.controller.signal, {}, (event, data) => {
        const now = Date.now();
        if (event === 'snapshot') {
          this.rows.clear();
          for (const r of (JSON.parse(data) as Snapshot).rows) this.rows.set(r.uid, versionOf(r));
          resolve();
        } else if (event === 'patch') this.patch(JSON.parse(data) as Patch, now);
      }).then(
        () => {
          if (!this.controller.signal.aborted) this.error = 'the stream ended';
          reject(new Error(this.error ?? 'stopped'));
        },
        (err: unknown) => {
          if (!this.controller.signal.aborted) this.error = String(err);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  private patch(p: Patch, now: number): void {
    for (const uid of p.deletes) {
      this.deletes++;
      this.rows.delete(uid);
    }
    for (const r of p.upserts) {
      this.upserts++;
      const version = versionOf(r);
      // A row is re-sent when its node changes too; only a new pod version is a write to time.
      const stamp = Number(r.cells?.[STAMP_PATH]);
      if (this.rows.get(r.uid) !== version && stamp > 0) this.latencies.push(now - stamp);
      this.rows.set(r.uid, version);
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.ended?.catch(() => undefined);
  }
}

export type Diff = { missing: number; extra: number; stale: number };

/** What a viewer holds that differs from `truth` (uid → version from a fresh query). */
export function diff(held: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): Diff {
  const d: Diff = { missing: 0, extra: 0, stale: 0 };
  for (const [uid, v] of truth) {
    const mine = held.get(uid);
    if (mine === undefined) d.missing++;
    else if (mine !== v) d.stale++;
  }
  for (const uid of held.keys()) if (!truth.has(uid)) d.extra++;
  return d;
}

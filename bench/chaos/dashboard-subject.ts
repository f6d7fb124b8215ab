// The chaos subject when the dashboard runs in its own process (the long form, and the Playwright
// checks): what it holds is read through its API — pods as the rows viewers get, with each pod's
// resourceVersion as a column, and nodes from /api/snapshot, the whole cache as one document.
import net from 'node:net';
import type { Policy } from './bounds';
import type { Subject } from './run';
import type { SlowViewer } from './scenarios';
import type { Versions } from './sim-http';

const RV = 'pod.metadata.resourceVersion';
type Rows = { rows: Array<{ uid: string; cells?: Record<string, string | number | null> }>; status: { state: string } };
type Snapshot = { nodes: Array<{ metadata: { uid: string; resourceVersion?: string } }> };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** `logs` is the dashboard's output so far: a dropped stream is said there. */
export function dashboardSubject(base: string, policy: Policy, logs: () => string): Subject {
  return {
    policy,
    async held() {
      const [rows, snapshot] = await Promise.all([
        getJson<Rows>(`${base}/api/podnodes?format=json&o=${encodeURIComponent(RV)}`),
        getJson<Snapshot>(`${base}/api/snapshot`),
      ]);
      const pods: Versions = new Map(rows.rows.map((r) => [r.uid, String(r.cells?.[RV] ?? '')]));
      const nodes: Versions = new Map(snapshot.nodes.map((n) => [n.metadata.uid, n.metadata.resourceVersion ?? '']));
      return { pods, nodes };
    },
    async state() {
      return (await getJson<Rows>(`${base}/api/podnodes?format=json&ns=no-such-namespace`)).status.state;
    },
    slowViewer: () => slowViewer(base, logs),
  };
}

const DROPPED = 'dropped a stream that stopped reading';

/** A raw socket that asks for the stream with the pods' whole kept objects, sees the 200 and then
 *  never reads: the server's writes back up behind it until it is dropped. */
async function slowViewer(base: string, logs: () => string): Promise<SlowViewer> {
  const { hostname, port } = new URL(base);
  const droppedBefore = logs().split(DROPPED).length;
  const socket = net.connect(Number(port), hostname);
  const o = encodeURIComponent('pod.spec,pod.status,pod.metadata');
  socket.write(`GET /api/podnodes/stream?o=${o} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`);
  const head = await new Promise<string>((resolve, reject) => {
    socket.once('data', (d: Buffer) => resolve(d.toString('latin1', 0, 12)));
    socket.once('error', reject);
  });
  socket.pause();
  if (head !== 'HTTP/1.1 200') {
    socket.destroy();
    throw new Error(`the stream answered ${head}`);
  }
  socket.on('error', () => {}); // the server ends it; that is the expected outcome
  return {
    dropped: async () => logs().split(DROPPED).length > droppedBefore,
    close: () => socket.destroy(),
  };
}

/** What the dashboard's output says about promises nobody handled (Next.js logs them and goes on). */
export function unhandledRejections(logs: string): string[] {
  return logs.split('\n').filter((l) => /unhandled ?(promise ?)?rejection/i.test(l));
}

// One WATCH request as a promise: resolves when the server ends the stream normally (timeout
// expiry, apiserver restart with a clean close), rejects on any error. Carries the watchdog,
// because only here do we see raw bytes arrive: a stream that sends nothing — not even a
// bookmark — for idleTimeoutMs is presumed dead (half-open TCP, a stuck proxy) and aborted.
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, openGet, type Query } from './kube-request';
import { parseWithoutManagedFields } from './managed-fields';

export type RawWatchEvent = { type: string; object: unknown };

export class WatchdogTimeout extends Error {
  override name = 'WatchdogTimeout';
}

export type WatchStreamOptions = {
  signal: AbortSignal;
  idleTimeoutMs: number;
  /** the server answered 200: the watch is established */
  onOpen?: () => void;
  /** throwing from here ends the watch with that error (e.g. a 410 ERROR event) */
  onEvent: (event: RawWatchEvent) => void;
};

export async function watchStream(kc: KubeConfig, path: string, query: Query, opts: WatchStreamOptions): Promise<void> {
  // Our own controller linked to the caller's (rather than AbortSignal.any, which has had
  // leak bugs with long-lived parents): this runs once per watch, for days.
  const local = new AbortController();
  const signal = local.signal;
  const onParentAbort = () => local.abort(opts.signal.reason);
  opts.signal.throwIfAborted();
  opts.signal.addEventListener('abort', onParentAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      local.abort(new WatchdogTimeout(`watch ${path} sent nothing for ${opts.idleTimeoutMs} ms`));
    }, opts.idleTimeoutMs);
  };
  // The watchdog covers the connect phase too: a server may accept and never answer.
  arm();
  try {
    const body = await openGet(kc, path, { ...query, watch: true }, { signal }).catch((err: unknown) => {
      throw signal.aborted ? signal.reason : err;
    });
    opts.onOpen?.();
    arm();
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        body.destroy();
        reject(signal.aborted ? signal.reason : err);
      };
      let pending = '';
      body.setEncoding('utf8');
      body.on('data', (chunk: string) => {
        if (settled) return;
        arm();
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          if (!line.trim()) continue;
          try {
            opts.onEvent(parseEvent(line));
          } catch (err) {
            return fail(err);
          }
          if (settled) return;
        }
      });
      body.on('error', fail);
      body.on('end', () => {
        if (settled) return;
        settled = true;
        resolve();
      });
      // an abort that lands before any data event still has to end the promise
      signal.addEventListener('abort', () => fail(signal.reason), { once: true });
    });
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', onParentAbort);
    local.abort(); // closes any socket left open
  }
}

function parseEvent(line: string): RawWatchEvent {
  let evt: unknown;
  try {
    evt = parseWithoutManagedFields(line);
  } catch {
    throw new KubeApiError(`malformed watch event: ${line.slice(0, 120)}`);
  }
  if (evt === null || typeof evt !== 'object' || typeof (evt as { type?: unknown }).type !== 'string') {
    throw new KubeApiError(`malformed watch event: ${line.slice(0, 120)}`);
  }
  return evt as RawWatchEvent;
}

// Read-only GETs against the API server, authenticated by client-node. We use
// KubeConfig.applyToHTTPSOptions (so exec plugins, tokens, client certs, proxies and CA bundles
// behave exactly as in client-node) with node:http(s) directly, because client-node's typed
// list calls turn 5 MB pages into class instances with Dates, and its Watch class hides the
// status body, Retry-After and the moment bytes arrive — all of which the cache needs.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import { credentialError } from './safe-error';

export type Query = Record<string, string | number | boolean | undefined>;

/** A failed request: HTTP status (if any), the Status reason, and Retry-After when sent. */
export class KubeApiError extends Error {
  override name = 'KubeApiError';
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get gone(): boolean {
    return this.status === 410 || this.reason === 'Expired' || this.reason === 'Gone';
  }
}

export function isGone(err: unknown): boolean {
  return err instanceof KubeApiError && err.gone;
}

export type OpenOptions = {
  signal: AbortSignal;
  /** socket idle time before the request is abandoned (LIST pages) */
  idleTimeoutMs?: number;
  /** called once the request has been handed to the OS (or has failed before it could be) */
  onSent?: () => void;
};

/** Opens GET server+path?query; resolves with the (decompressed) body stream of a 200. */
export async function openGet(kc: KubeConfig, path: string, query: Query, opts: OpenOptions): Promise<Readable> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeApiError('kubeconfig has no current cluster');
  // Concatenate, not resolve: servers behind proxies carry a path prefix (…/k8s/clusters/c-1).
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));

  const options: https.RequestOptions = {
    method: 'GET',
    headers: { Accept: 'application/json', 'Accept-Encoding': 'gzip', 'User-Agent': 'podnode-explorer' },
  };
  try {
    await kc.applyToHTTPSOptions(options);
    applyTokenFile(kc, options);
  } catch (err) {
    throw new KubeApiError(credentialError(kc.getCurrentUser(), err));
  }
  opts.signal.throwIfAborted();
  const send = url.protocol === 'https:' ? https.request : http.request;

  return new Promise<Readable>((resolve, reject) => {
    const req = send(url, { ...options, signal: opts.signal }, (res) => {
      const status = res.statusCode ?? 0;
      const body: Readable = res.headers['content-encoding'] === 'gzip' ? res.pipe(zlib.createGunzip()) : res;
      if (body !== res) res.on('error', (e) => body.destroy(e));
      if (status === 200) return resolve(body);
      readText(body, 64 * 1024).then(
        (text) => reject(statusError(status, text, res.headers['retry-after'], url)),
        () => reject(new KubeApiError(`GET ${url.pathname}: HTTP ${status}`, status)),
      );
    });
    if (opts.idleTimeoutMs) {
      req.setTimeout(opts.idleTimeoutMs, () =>
        req.destroy(new KubeApiError(`GET ${url.pathname}: no response for ${opts.idleTimeoutMs} ms`)),
      );
    }
    req.on('error', (err) => reject(err));
    if (opts.onSent) req.once('finish', opts.onSent);
    req.end();
  });
}

/** One JSON document (a LIST page). */
export async function getJson(kc: KubeConfig, path: string, query: Query, opts: OpenOptions): Promise<unknown> {
  const body = await openGet(kc, path, query, opts);
  return JSON.parse(await readText(body, Infinity));
}

/** A LIST page read whole but not yet parsed, with its `continue` token when the head of the text
 *  gives it: the API server writes kind, apiVersion and the list's metadata before the items (Go
 *  writes a struct's fields in order), so the next page can be asked for while this one — tens of
 *  megabytes at 150,000 pods — is parsed. `continueToken` is null when the head does not say. */
export type ListPageText = { text: string; continueToken: string | null };

/** A LIST page asked for ahead of its use. `sent` settles once the request is on the wire: a
 *  caller about to spend tens of milliseconds parsing the page before waits for it, or the request
 *  would sit unsent behind that work. `cancel` abandons a page that will not be read (it also ends
 *  with `opts.signal`); a page cancelled or failed before anyone awaits it is not "unhandled". */
export type ListPageRequest = { page: Promise<ListPageText>; sent: Promise<void>; cancel: () => void };

export function getListPage(kc: KubeConfig, path: string, query: Query, opts: OpenOptions): ListPageRequest {
  const own = new AbortController();
  const cancel = () => own.abort();
  opts.signal.addEventListener('abort', cancel, { once: true });
  let markSent = () => {};
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const page = (async () => {
    try {
      const text = await readText(await openGet(kc, path, query, { ...opts, signal: own.signal, onSent: markSent }), Infinity);
      return { text, continueToken: continueFromHead(text) };
    } finally {
      markSent();
      opts.signal.removeEventListener('abort', cancel);
    }
  })();
  page.catch(() => {});
  return { page, sent, cancel };
}

const HEAD_MAX = 8 * 1024;

/** The `continue` of a list's metadata, read from the text before `"items"`; "" when the list is
 *  complete, null when the head is not kind/apiVersion/metadata as expected (then the caller reads
 *  it from the parsed page). */
export function continueFromHead(text: string): string | null {
  const at = text.slice(0, HEAD_MAX).indexOf('"items":');
  if (at <= 0) return null;
  let head = text.slice(0, at).trimEnd();
  if (head.endsWith(',')) head = head.slice(0, -1);
  try {
    const meta = (JSON.parse(`${head}}`) as { metadata?: { continue?: unknown; resourceVersion?: unknown } }).metadata;
    if (typeof meta?.resourceVersion !== 'string') return null;
    return typeof meta.continue === 'string' ? meta.continue : '';
  } catch {
    return null;
  }
}

function statusError(status: number, text: string, retryAfter: string | undefined, url: URL): KubeApiError {
  let message = `HTTP ${status}`;
  let reason: string | undefined;
  try {
    const s = JSON.parse(text) as { message?: unknown; reason?: unknown };
    if (typeof s.message === 'string') message = `${message}: ${s.message}`;
    if (typeof s.reason === 'string') reason = s.reason;
  } catch {
    if (text) message = `${message}: ${text.slice(0, 200)}`;
  }
  return new KubeApiError(`GET ${url.pathname}: ${message}`, status, reason, parseRetryAfter(retryAfter));
}

/** Retry-After is seconds or an HTTP date; the API server sends seconds. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

async function readText(body: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) {
      body.destroy();
      break;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// A pod's service-account token is a file the kubelet rotates (hourly, and sooner near expiry).
// client-node re-reads it only once a minute; we read it when it changed, before every request,
// so a rotated token is used at once and a request never goes out with one already replaced.
const tokenFiles = new Map<string, { mtimeMs: number; size: number; token: string }>();

function applyTokenFile(kc: KubeConfig, options: https.RequestOptions): void {
  const file = (kc.getCurrentUser()?.authProvider?.config as { tokenFile?: unknown } | undefined)?.tokenFile;
  if (typeof file !== 'string') return;
  const stat = fs.statSync(file);
  let cached = tokenFiles.get(file);
  if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
    cached = { mtimeMs: stat.mtimeMs, size: stat.size, token: fs.readFileSync(file, 'utf8').trim() };
    tokenFiles.set(file, cached);
  }
  options.headers = { ...options.headers, Authorization: `Bearer ${cached.token}` };
}

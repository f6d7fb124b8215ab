// The HTTP listener: discovery, /api reads, refused writes, injected faults, the /sim control
// endpoint, and a real outage (listener closed, every socket destroyed) on request.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { ActiveWatch } from './watch';
import { type ApiContext, groupOfPath, handleApiRead, parseTarget } from './api-handler';
import { API_GROUP_LIST, API_V1_RESOURCES, POLICY_API_GROUP, POLICY_V1_RESOURCES, RESOURCE_INFO, VERSION_INFO, apiVersions } from './discovery';
import { ApiError, statusObject } from './status';
import type { FaultController } from './faults';
import type { SimAuth } from './types';

export type ServerSecurity = { tls?: { cert: string; key: string }; auth?: SimAuth };

export type ControlHandler = (method: string, path: string, body: unknown) => Promise<unknown> | unknown;

export type SimServer = {
  port: number;
  dropWatches(): void;
  outage(ms: number): void;
  close(): Promise<void>;
};

/** the resource a refused write aimed at ("pods"), or its path when it names none we serve */
function writeTarget(path: string): string {
  if (groupOfPath(path) === null) return path;
  try { return parseTarget(path).resource; } catch { return path; }
}

function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) { res.end(); return; }
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new ApiError(413, 'RequestEntityTooLarge', 'control request body over 1 MB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try { return JSON.parse(text); } catch { throw new ApiError(400, 'BadRequest', 'control request body is not valid JSON'); }
}

/** The user a request authenticates as, or a 401 as kube-apiserver answers it. */
function authenticate(auth: SimAuth, req: IncomingMessage): string {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const user = token !== undefined ? auth.tokens.get(token) : undefined;
  if (user === undefined) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
  return user;
}

/** A 403 worded as kube-apiserver's RBAC authorizer words it. */
function authorize(auth: SimAuth, user: string, url: URL): void {
  let target;
  try { target = parseTarget(url.pathname); } catch { return; } // 404s and the like answer as they would
  if (auth.canRead?.(user, target.resource, target.namespace) ?? true) return;
  const verb = target.name !== undefined ? 'get' : url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1' ? 'watch' : 'list';
  const scope = target.namespace !== undefined ? `in the namespace "${target.namespace}"` : 'at the cluster scope';
  const group = RESOURCE_INFO[target.resource].group;
  throw new ApiError(403, 'Forbidden', `${target.resource} is forbidden: User "${user}" cannot ${verb} resource "${target.resource}" in API group "${group}" ${scope}`,
    { ...(group ? { group } : {}), kind: target.resource });
}

export async function startServer(ctx: ApiContext, faults: FaultController, control: ControlHandler, host: string, port: number, security: ServerSecurity = {}): Promise<SimServer> {
  const sockets = new Set<Socket>();
  let outageTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  const watches: Set<ActiveWatch> = ctx.watches;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path === '/sim' || path.startsWith('/sim/')) {
      // JSON only: a cross-site HTML form can post text/plain or form data, never application/json.
      if (method === 'POST' && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
        throw new ApiError(415, 'UnsupportedMediaType', 'control requests are POSTs of application/json');
      }
      sendJson(res, 200, await control(method, path, method === 'POST' ? await readJson(req) : undefined));
      return;
    }
    // API Priority and Fairness headers: with them kubectl turns off its client-side QPS
    // throttle (5 req/s), as against a real API server; paged kubectl runs crawl without them
    res.setHeader('X-Kubernetes-Pf-Flowschema-Uid', 'a5b6c7d8-0000-4000-8000-000000000001');
    res.setHeader('X-Kubernetes-Pf-Prioritylevel-Uid', 'a5b6c7d8-0000-4000-8000-000000000002');
    const f = faults.current();
    if (f.latencyMs > 0 && (f.latencyOnly.length === 0 || path.split('/').some((seg) => f.latencyOnly.includes(seg)))) {
      await new Promise((r) => setTimeout(r, f.latencyMs));
    }
    if (faults.shouldFail()) {
      ctx.stats.count('failed', path, res);
      const tooMany = f.failStatus === 429;
      sendJson(res, f.failStatus, statusObject(f.failStatus, tooMany ? 'TooManyRequests' : 'InternalError',
        tooMany ? 'Too many requests, please try again later.' : 'Internal error occurred: injected by podnode-sim',
        tooMany ? { retryAfterSeconds: f.retryAfterSeconds } : undefined), tooMany ? { 'Retry-After': String(f.retryAfterSeconds) } : {});
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      ctx.stats.count('write', writeTarget(path), res);
      sendJson(res, 405, statusObject(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method} ${path}): podnode-sim is read-only`));
      return;
    }
    if (path === '/version') { ctx.stats.count('discovery', path, res); sendJson(res, 200, VERSION_INFO); return; }
    if (security.auth) {
      try {
        authorize(security.auth, authenticate(security.auth, req), url);
      } catch (e) {
        ctx.stats.count('failed', e instanceof ApiError && e.code === 403 ? `forbidden ${writeTarget(path)}` : 'unauthorized', res);
        throw e;
      }
    }
    if (path === '/api') { ctx.stats.count('discovery', path, res); sendJson(res, 200, apiVersions(`${host}:${port}`)); return; }
    if (path === '/apis') { ctx.stats.count('discovery', path, res); sendJson(res, 200, API_GROUP_LIST); return; }
    if (path === '/api/v1') { ctx.stats.count('discovery', path, res); sendJson(res, 200, API_V1_RESOURCES); return; }
    if (path === '/apis/policy') { ctx.stats.count('discovery', path, res); sendJson(res, 200, POLICY_API_GROUP); return; }
    if (path === '/apis/policy/v1') { ctx.stats.count('discovery', path, res); sendJson(res, 200, POLICY_V1_RESOURCES); return; }
    if (groupOfPath(path) !== null) { handleApiRead(ctx, req, res, url); return; }
    // /openapi/v2, /openapi/v3, other /apis/GROUP…: not served; kubectl works without them
    ctx.stats.count('discovery', 'notfound', res);
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof ApiError) sendJson(res, e.code, statusObject(e.code, e.reason, e.message, e.details));
      else if (e instanceof Error && e.name === 'ZodError') sendJson(res, 400, { error: 'invalid control request', detail: e.message });
      else sendJson(res, 500, statusObject(500, 'InternalError', e instanceof Error ? e.message : String(e)));
    });
  };
  const server = security.tls ? https.createServer({ cert: security.tls.cert, key: security.tls.key }, onRequest) : http.createServer(onRequest);
  server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  // watches are long-lived; the default 5 min request timeout would cut them
  server.requestTimeout = 0;
  server.keepAliveTimeout = 30_000;

  const listen = (p: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, host, () => { server.off('error', reject); resolve((server.address() as { port: number }).port); });
  });
  const actualPort = await listen(port);
  port = actualPort;

  function dropWatches(): void { for (const w of [...watches]) w.close(); }
  function destroyAll(): void { dropWatches(); for (const s of sockets) s.destroy(); sockets.clear(); }

  return {
    port: actualPort,
    dropWatches,
    outage(ms) {
      if (stopped) return;
      // reply to the control request first, then go dark
      setTimeout(() => {
        server.close();
        destroyAll();
        if (outageTimer) clearTimeout(outageTimer);
        outageTimer = setTimeout(() => {
          outageTimer = null;
          faults.outageEnded();
          if (!stopped) listen(actualPort).catch((e: unknown) => console.error(`podnode-sim: could not listen again on ${actualPort}: ${String(e)}`));
        }, ms);
      }, 50);
    },
    async close() {
      stopped = true;
      if (outageTimer) clearTimeout(outageTimer);
      destroyAll();
      await new Promise<void>((resolve) => { if (server.listening) server.close(() => resolve()); else resolve(); });
    },
  };
}

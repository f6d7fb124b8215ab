// Routes /api/v1 reads to LIST, WATCH and GET, in JSON or Table form, and answers everything else
// with the Status object a real API server would send.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from './sim-state';
import type { StatsCounter } from './stats';
import { RESOURCES, type ResourceName } from './store';
import { ApiError, notFound } from './status';
import { parseFilter } from './filter';
import { listPage } from './list';
import { parseIncludeObject, tableJson, wantsTable } from './table';
import { startWatch, type ActiveWatch } from './watch';
import { FORBIDDEN_RESOURCES, RESOURCE_INFO, apiVersionOf } from './discovery';
import { SelectorError } from './label-selector';

export type ApiContext = {
  state: SimState;
  stats: StatsCounter;
  watches: Set<ActiveWatch>;
  bookmarkIntervalMs: number;
  takeExpireNextWatch(): boolean;
  takeExpireNextContinue(): boolean;
  isHung(): boolean;
};

type Target = { resource: ResourceName; namespace?: string; name?: string };

/** the API group a resource path is under: '' for /api/v1/…, 'policy' for /apis/policy/v1/…, null for neither */
export function groupOfPath(path: string): '' | 'policy' | null {
  if (path.startsWith('/api/v1/')) return '';
  if (path.startsWith('/apis/policy/v1/')) return 'policy';
  return null;
}

/** /api/v1/RES[/NAME] or /api/v1/namespaces/NS/RES[/NAME] (and /api/v1/namespaces/NAME itself);
 *  the same under /apis/policy/v1 for the policy group's resources */
export function parseTarget(path: string): Target {
  const group = groupOfPath(path);
  if (group === null) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  const parts = path.split('/').slice(group ? 4 : 3).map(decodeURIComponent);
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3) { namespace = parts[1]; parts.splice(0, 2); }
  const [res, name, sub] = parts;
  if (!res || sub !== undefined) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (group === '' && FORBIDDEN_RESOURCES.has(res)) {
    throw new ApiError(403, 'Forbidden', `${res} is forbidden: User "podnode-sim" cannot list resource "${res}" in API group "" ${namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'}`,
      { kind: res });
  }
  if (!(RESOURCES as readonly string[]).includes(res)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  const resource = res as ResourceName;
  if (RESOURCE_INFO[resource].group !== group) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (namespace !== undefined && !RESOURCE_INFO[resource].namespaced) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  return { resource, namespace, name };
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const v = params.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ApiError(400, 'BadRequest', `${name} must be a non-negative integer, got "${v}"`);
  return n;
}

export function handleApiRead(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const target = parseTarget(url.pathname);
  const params = url.searchParams;
  let include;
  try { include = wantsTable(req.headers.accept) ? parseIncludeObject(params.get('includeObject')) : null; }
  catch (e) { throw new ApiError(400, 'BadRequest', (e as Error).message); }
  if (target.name !== undefined) {
    ctx.stats.count(include ? 'table' : 'get', target.resource, res);
    const key = target.namespace ? `${target.namespace}/${target.name}` : target.name;
    const entry = ctx.state.get(target.resource, key);
    if (!entry) throw notFound(target.resource, target.name);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(include ? tableJson(target.resource, [entry], include, { resourceVersion: String(entry.rv) }) : entry.json);
    return;
  }
  let filter;
  try { filter = parseFilter(target.resource, target.namespace, params); }
  catch (e) { if (e instanceof SelectorError) throw new ApiError(400, 'BadRequest', `unable to parse requirement: ${e.message}`); throw e; }
  const watch = params.get('watch');
  if (watch === '1' || watch === 'true') {
    ctx.stats.count('watch', target.resource, res);
    // onClose may run synchronously (an expired version ends the stream at once)
    let active: ActiveWatch | null = null;
    let ended = false;
    active = startWatch(ctx.state, res, {
      resource: target.resource, filter, resourceVersion: params.get('resourceVersion') ?? undefined, table: include,
      bookmarks: params.get('allowWatchBookmarks') === 'true', bookmarkIntervalMs: ctx.bookmarkIntervalMs,
      timeoutSeconds: intParam(params, 'timeoutSeconds'), forceExpired: ctx.takeExpireNextWatch(), isHung: ctx.isHung,
      sendInitialEvents: params.get('sendInitialEvents') === 'true',
    }, () => { ended = true; if (active) ctx.watches.delete(active); });
    if (!ended) ctx.watches.add(active);
    return;
  }
  const continueToken = params.get('continue') || undefined;
  ctx.stats.count(include ? 'table' : 'list', target.resource, res);
  if (!continueToken && !include) ctx.stats.chainStart(target.resource);
  if (continueToken && ctx.takeExpireNextContinue()) {
    throw new ApiError(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
  }
  const page = listPage(ctx.state, target.resource, filter, {
    limit: intParam(params, 'limit'), continueToken,
    resourceVersion: params.get('resourceVersion') ?? undefined, resourceVersionMatch: params.get('resourceVersionMatch') ?? undefined,
  });
  const meta = { resourceVersion: String(page.resourceVersion),
    ...(page.continueToken ? { continue: page.continueToken } : {}),
    ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}) };
  res.writeHead(200, { 'Content-Type': 'application/json' });
  if (include) { res.end(tableJson(target.resource, page.items, include, meta)); return; }
  const kind = `${RESOURCE_INFO[target.resource].kind}List`;
  // assembled from the stored JSON text: no object graph per item
  const head = `{"kind":"${kind}","apiVersion":"${apiVersionOf(target.resource)}","metadata":${JSON.stringify(meta)},"items":[`;
  void streamItems(res, head, page.items);
}

/** Writes a list body in slices, honouring backpressure: an unpaged LIST of 150k pods is ~600 MB,
 * more than one JS string may hold. */
async function streamItems(res: ServerResponse, head: string, items: Array<{ json: string }>): Promise<void> {
  const SLICE = 256;
  res.write(head);
  for (let i = 0; i < items.length && !res.destroyed; i += SLICE) {
    const chunk = (i === 0 ? '' : ',') + items.slice(i, i + SLICE).map((e) => e.json).join(',');
    if (!res.write(chunk)) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
  }
  res.end(']}');
}

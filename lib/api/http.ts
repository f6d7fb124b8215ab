// Route plumbing: resolve the request's view, answer its failure the one way, or hand the view on.
import 'server-only';
import { failureResponse, resolveView, type View } from '@/lib/api/view';
import { compileRecordQuery, QueryError, type Query, type RecordSchema } from '@/lib/query';
import type { ApiError } from '@/lib/rows/wire';

type RouteOptions = Omit<Parameters<typeof resolveView>[1], 'headers'>;

/** The request's view, or the Response that says why there is none. */
export async function viewOf(request: Request, opts: RouteOptions = {}): Promise<View | Response> {
  const resolved = await resolveView(new URL(request.url).searchParams, { ...opts, headers: request.headers });
  return resolved.ok ? resolved.view : failureResponse(resolved.failure);
}

export function json(body: unknown, init?: ResponseInit): Response {
  return Response.json(body, { ...init, headers: { 'Cache-Control': 'no-store', ...init?.headers } });
}

/** A CSV download; `headers` add to the content and caching headers. */
export function csvResponse(text: string, filename: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}.csv"`, 'Cache-Control': 'no-store' },
  });
}

/** What a derived view (nodes, workloads) refuses in a query, as the 400 body; null when it holds. */
export function recordQueryError<R>(query: Query, schema: RecordSchema<R>): ApiError | null {
  try {
    compileRecordQuery(query, schema);
    return null;
  } catch (err) {
    if (err instanceof QueryError) return { error: err.message, where: err.where };
    throw err;
  }
}

// Route plumbing: resolve the request's view, answer its failure the one way, or hand the view on.
import 'server-only';
import { failureResponse, resolveView, type View } from '@/lib/api/view';

type RouteOptions = Omit<Parameters<typeof resolveView>[1], 'headers'>;

/** The request's view, or the Response that says why there is none. */
export async function viewOf(request: Request, opts: RouteOptions = {}): Promise<View | Response> {
  const resolved = await resolveView(new URL(request.url).searchParams, { ...opts, headers: request.headers });
  return resolved.ok ? resolved.view : failureResponse(resolved.failure);
}

export function json(body: unknown, init?: ResponseInit): Response {
  return Response.json(body, { ...init, headers: { 'Cache-Control': 'no-store', ...init?.headers } });
}

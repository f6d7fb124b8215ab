import { viewOf } from '@/lib/api/http';
import { streamPodNodes } from '@/lib/api/sse';

export const dynamic = 'force-dynamic';

/** No wait for the first sync: the stream's first snapshot says `syncing`, and patches follow. */
export async function GET(request: Request): Promise<Response> {
  const view = await viewOf(request);
  return view instanceof Response ? view : streamPodNodes(request, view);
}

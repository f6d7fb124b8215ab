import { parseRequest } from '@/lib/api/http';
import { streamPodNodes } from '@/lib/api/sse';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const parsed = parseRequest(request);
  if (parsed instanceof Response) return parsed;
  return streamPodNodes(request, parsed);
}

import { parseRequest } from '@/lib/api/http';
import { respondPodNodes } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const parsed = parseRequest(request);
  if (parsed instanceof Response) return parsed;
  return respondPodNodes(parsed);
}

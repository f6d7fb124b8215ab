import { viewOf } from '@/lib/api/http';
import { streamNodes } from '@/lib/api/nodes';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const view = await viewOf(request, { rows: 'records' });
  return view instanceof Response ? view : streamNodes(request, view);
}

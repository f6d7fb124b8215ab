import { viewOf } from '@/lib/api/http';
import { streamWorkloads } from '@/lib/api/workloads';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const view = await viewOf(request, { rows: 'records' });
  return view instanceof Response ? view : streamWorkloads(request, view);
}

import { viewOf } from '@/lib/api/http';
import { respondNodes } from '@/lib/api/nodes';

export const dynamic = 'force-dynamic';

/** One row per node (how full, where, whether it takes pods, its spot notice), as json or csv. */
export async function GET(request: Request): Promise<Response> {
  const view = await viewOf(request, { waitForSync: true, formats: ['json', 'csv'], rows: 'records' });
  return view instanceof Response ? view : respondNodes(view);
}

import { viewOf } from '@/lib/api/http';
import { respondWorkloads } from '@/lib/api/workloads';

export const dynamic = 'force-dynamic';

/** One row per top owner: replicas, where they run, spot share, PodDisruptionBudgets, risk flags. */
export async function GET(request: Request): Promise<Response> {
  const view = await viewOf(request, { waitForSync: true, formats: ['json', 'csv'], rows: 'records' });
  return view instanceof Response ? view : respondWorkloads(view);
}

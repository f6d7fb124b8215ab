import { viewOf } from '@/lib/api/http';
import { FORMATS } from '@/lib/api/view';
import { respondPodNodes } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const view = await viewOf(request, { formats: FORMATS, waitForSync: true });
  return view instanceof Response ? view : respondPodNodes(view);
}

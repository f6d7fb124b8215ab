import { respondDiagnostics } from '@/lib/api/diagnostics';

export const dynamic = 'force-dynamic';

/** Open handles and timers by type, and heap size: counts only, for spotting a leak over hours. */
export async function GET(request: Request): Promise<Response> {
  return respondDiagnostics(request.headers);
}

import { login } from '@/lib/api/login';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return login(request);
}

// The login exchange: a form post with the token becomes a session cookie derived from it.
import 'server-only';
import { checkHostAndOrigin, sameSecret, sessionValue, SESSION_COOKIE } from '@/lib/api/guard';

const SESSION_SECONDS = 12 * 3600;
const MAX_FORM_BYTES = 8 * 1024;

/** Only a path on this server: never `//host` or `https://…` (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) && next.length <= 4096 ? next : '/';
}

export async function login(request: Request): Promise<Response> {
  const denied = checkHostAndOrigin(request.headers);
  if (denied) return Response.json(denied.body, { status: denied.status });
  const token = process.env.PODNODE_TOKEN;
  const length = Number(request.headers.get('content-length') ?? 0);
  if (!token) return redirect('/');
  if (length > MAX_FORM_BYTES) return Response.json({ error: 'login form too large' }, { status: 413 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: 'login expects a form post with a token field' }, { status: 400 });
  }
  const next = safeNext(String(form.get('next') ?? '/'));
  const given = form.get('token');
  if (typeof given !== 'string' || !sameSecret(given, token)) {
    return redirect(`/login?error=1&next=${encodeURIComponent(next)}`);
  }
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const cookie = `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure ? '; Secure' : ''}`;
  return redirect(next, { 'Set-Cookie': cookie });
}

function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store', ...headers } });
}

// In front of every request: refuse hosts this dashboard does not serve (DNS rebinding), and give
// each page a Content-Security-Policy with a fresh nonce, which Next puts on its own scripts. The
// routes check the host again themselves (lib/api/view.ts): this layer is not the only guard.
import { NextResponse, type NextRequest } from 'next/server';
import { checkHostAndOrigin } from '@/lib/api/guard';

export function proxy(request: NextRequest): NextResponse {
  const denied = checkHostAndOrigin(request.headers); // the token is the routes' to check
  if (denied) {
    return NextResponse.json(denied.body, { status: denied.status, headers: securityHeaders(contentSecurityPolicy(null)) });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(securityHeaders(csp))) response.headers.set(k, v);
  return response;
}

/** Scripts only with this response's nonce (no 'unsafe-inline' for scripts); inline style
 *  attributes stay allowed because the virtualised table positions rows with them. */
function contentSecurityPolicy(nonce: string | null): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'` : "script-src 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export const config = {
  // Everything, static assets included: a rebinding page must not even learn the build id.
  matcher: '/:path*',
};

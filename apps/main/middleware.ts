// The host's door to the API in the local layout (`make up`): /api/* goes to the API server with
// its path and query string exactly as the browser sent them. Next's `rewrites` rebuild the
// destination from the parsed query and answer 500 for some of them (an empty parameter name:
// `/api/products?=`), so this middleware rewrites to the absolute URL itself. Behind the edge
// (`make prod`) nginx sends /api to the API workers and this never runs.
import { NextResponse, type NextRequest } from 'next/server';

// next.config (from federation.json) sets them at build time.
const apiOrigin = process.env.MYAPP_API_ORIGIN;
const maxBodyBytes = Number(process.env.MYAPP_API_MAX_BODY_BYTES);

export function middleware(request: NextRequest): NextResponse {
  if (!apiOrigin) throw new Error('MYAPP_API_ORIGIN is not set: build the host with its next.config');
  // The API answers an oversized body with 413 before reading it and closes the connection, and
  // Next's proxy, still streaming the body, turns that into a 500. So the door refuses it first,
  // with the API's own answer, from the same limit (federation.json's api.maxBodyBytes).
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBodyBytes) {
    return NextResponse.json(
      { detail: [{ type: 'value_error', loc: ['body'], msg: `The request body is larger than ${maxBodyBytes} bytes.` }] },
      { status: 413, headers: { Connection: 'close' } },
    );
  }
  const { pathname, search } = request.nextUrl;
  return NextResponse.rewrite(`${apiOrigin}${pathname}${search}`);
}

// Read by Next without running this file: it must stay a literal. WebSocket handshakes (the
// support chat) are left to next.config's rewrite: a middleware cannot answer an upgrade.
export const config = {
  matcher: [{ source: '/api/:path*', missing: [{ type: 'header', key: 'upgrade' }] }],
};

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web dashboard (services/dashboard, built by `pnpm install`) at `/`, next to the API.
 * Its pages are client-side routes, so every GET that matches no route and is no API path
 * answers index.html (through the not-found handler: `pageFallback`); `/v1/...` and other API
 * paths that match nothing still answer the API's 404 problem.
 */

/** services/api/{src,dist}/app -> services/dashboard/dist */
export const defaultDashboardDir = resolve(__dirname, '..', '..', '..', 'dashboard', 'dist');

/**
 * Scripts and styles from this origin only, nothing inline, no framing; the token travels in
 * an Authorization header the app sets, never in a cookie or a URL the server sees.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that are never a page: the API's, and a missing asset (a 404, not index.html). */
const NOT_PAGES = ['/v1/', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics', '/assets/'];

const PAGE_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

const secure = (reply: FastifyReply): FastifyReply => reply.headers(PAGE_HEADERS);

export const dashboardDir = (): string | undefined => {
  const dir = process.env['DASHBOARD_DIR'] ?? defaultDashboardDir;
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
};

/** The page of every client-side route: index.html, revalidated each time (a new build shows at once). */
export const pageFallback =
  (dir: string) =>
  (request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    if (NOT_PAGES.some((prefix) => request.url.startsWith(prefix))) return undefined;
    void secure(reply)
      .header('cache-control', 'no-cache')
      .sendFile('index.html', dir, { cacheControl: false });
    return reply;
  };

export const registerDashboard = async (
  app: FastifyInstance,
  dir: string | undefined,
): Promise<void> => {
  if (dir === undefined) {
    app.log.warn('no dashboard build found; `pnpm install` builds it');
    return;
  }
  // Registered on the root, so `reply.sendFile` also serves the not-found handler's pages.
  // Hashed file names: a new build has new names, so the files may be cached for good.
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    setHeaders: (response) => {
      for (const [name, value] of Object.entries(PAGE_HEADERS)) response.setHeader(name, value);
    },
  });
  app.get('/', (request, reply) => pageFallback(dir)(request, reply) ?? reply.callNotFound());
};

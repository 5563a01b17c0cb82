import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The web dashboard (services/dashboard, built by `pnpm install`) at `/`, next to the API.
 * Its pages are client-side routes, so every GET that is no API route answers index.html;
 * `/v1/...` and other API paths that match nothing still answer the API's 404 problem.
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

const API_PREFIXES = ['/v1/', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics'];

const secure = (reply: FastifyReply): FastifyReply =>
  reply
    .header('content-security-policy', DASHBOARD_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff');

export const registerDashboard = async (
  app: FastifyInstance,
  dir: string = process.env['DASHBOARD_DIR'] ?? defaultDashboardDir,
): Promise<void> => {
  if (!existsSync(join(dir, 'index.html'))) {
    app.log.warn({ dir }, 'no dashboard build found; `pnpm install` builds it');
    return;
  }
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      secure(reply);
    });
    // Hashed file names: a new build has new names, so the files may be cached for good.
    await scope.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
    });
    const page = (request: { url: string }, reply: FastifyReply) => {
      if (API_PREFIXES.some((prefix) => request.url.startsWith(prefix))) {
        return reply.callNotFound();
      }
      // The page itself is revalidated each time, so a new build shows at once.
      return reply
        .header('cache-control', 'no-cache')
        .sendFile('index.html', dir, { cacheControl: false });
    };
    scope.get('/', page);
    scope.get('/*', page);
  });
};

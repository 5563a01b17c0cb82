import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningService, startService } from './support/service';

/** How `rebate serve` serves the dashboard next to the API (no browser needed). */
describe('the dashboard served by rebate serve', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService();
  }, 60_000);
  afterAll(async () => service?.stop());

  it('answers index.html for the app routes, with a CSP that allows no inline code', async () => {
    for (const path of ['/', '/sign-in', '/partners/IB-1/clients', '/finance/audits']) {
      const response = await fetch(`${service.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves the hashed assets for good', async () => {
    const page = await (await fetch(`${service.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${service.url}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps the API 404 problem for unknown API paths', async () => {
    for (const path of ['/v1/nothing', '/v1/partners/IB-1/nothing', '/assets/nothing.js']) {
      const response = await fetch(`${service.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('problem+json');
    }
    expect((await fetch(`${service.url}/openapi.json`)).headers.get('content-type')).toContain(
      'application/json',
    );
  });

  it('prints a sign-in link with the token in the fragment only', () => {
    const link = new URL(service.token(['--role', 'finance', '--link']));
    expect(`${link.origin}${link.pathname}`).toBe(`${service.url}/sign-in`);
    expect(link.search).toBe('');
    expect(link.hash).toMatch(/^#token=[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

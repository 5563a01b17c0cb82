import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** A probe's answer: ok, or why not. */
export type ProbeResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };
export type Probe = () => ProbeResult;

export interface HealthServerOptions {
  readonly port: number;
  readonly host: string;
  readonly registry: Registry;
  /** Liveness: false means "restart me". */
  readonly health: Probe;
  /** Readiness: false means "do not count on me now" (not yet consuming, shutting down). */
  readonly readiness: Probe;
}

export interface HealthServer {
  /** The bound port (useful with port 0). */
  readonly port: number;
  close(): Promise<void>;
}

const probeBody = (result: ProbeResult): [number, string] =>
  result.ok
    ? [200, '{"status":"ok"}']
    : [503, JSON.stringify({ status: 'unavailable', reason: result.reason })];

/** `/metrics` (Prometheus text), `/healthz`, `/readyz` on node:http: no framework needed. */
export const startHealthServer = async (options: HealthServerOptions): Promise<HealthServer> => {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const reply = (status: number, type: string, body: string): void => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      reply(405, 'text/plain', 'method not allowed\n');
    } else if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => reply(200, options.registry.contentType, text),
        (error: unknown) => reply(500, 'text/plain', `${String(error)}\n`),
      );
    } else if (path === '/healthz' || path === '/readyz') {
      const [status, body] = probeBody(
        path === '/healthz' ? options.health() : options.readiness(),
      );
      reply(status, 'application/json', body);
    } else {
      reply(404, 'text/plain', 'not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  // Scrapes must not keep a stopping process alive.
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

import * as t from 'io-ts';
import { publicAccess, staff } from '../auth/access';
import { NoParams, NoQuery } from '../routes/path-params';
import { route } from '../routes/route';
import { Readiness } from './readiness';

const Alive = t.type({ status: t.literal('ok') }, 'Alive');

/**
 * Probes are public (orchestrators) and say only whether the service is ready; metrics reveal
 * positions and volumes, so they want a finance or admin token, or the METRICS_TOKEN of a
 * scraper, or a separate listener (METRICS_PORT, loopback by default).
 */
export const healthRoutes = [
  route({
    id: 'liveness',
    method: 'GET',
    path: '/healthz',
    tag: 'health',
    summary: 'Liveness: the process answers',
    access: publicAccess,
    params: NoParams,
    query: NoQuery,
    body: { kind: 'none' },
    responses: [{ status: 200, description: 'Alive', json: Alive }],
    problems: [],
    handle: async () => ({ status: 200, body: { status: 'ok' } }),
  }),
  route({
    id: 'readiness',
    method: 'GET',
    path: '/readyz',
    tag: 'health',
    summary: 'Readiness: the store answers and the projections are caught up within a bound',
    access: publicAccess,
    params: NoParams,
    query: NoQuery,
    body: { kind: 'none' },
    responses: [
      { status: 200, description: 'Ready', json: Readiness },
      { status: 503, description: 'Not ready, and why', json: Readiness },
    ],
    problems: [],
    handle: async (_input, { health }) => {
      const readiness = await health.ready();
      return { status: readiness.status === 'ready' ? 200 : 503, body: readiness };
    },
  }),
  route({
    id: 'metrics',
    method: 'GET',
    path: '/metrics',
    tag: 'health',
    summary:
      'Prometheus metrics: requests by route and status, latency, projection lag, process (finance, admin or METRICS_TOKEN)',
    access: staff('finance', 'admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'none' },
    responses: [{ status: 200, description: 'Prometheus text format' }],
    problems: [],
    handle: async (_input, { health }) => {
      const { contentType, text } = await health.metrics();
      return { status: 200, body: text, contentType };
    },
  }),
];

import * as t from 'io-ts';
import { publicAccess } from '../auth/access';
import { NoParams, NoQuery } from '../routes/path-params';
import { route } from '../routes/route';
import { Readiness } from './readiness';

const Alive = t.type({ status: t.literal('ok') }, 'Alive');

/** Probes and metrics: public, for orchestrators and scrapers. */
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
    summary: 'Prometheus metrics: requests by route and status, latency, projection lag, process',
    access: publicAccess,
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

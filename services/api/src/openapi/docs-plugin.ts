import fastifySwagger, { type StaticDocumentSpec } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { OpenApiDocument } from './openapi-document';

/** `/openapi.json` (the generated document) and a Swagger UI page at `/docs`. */
export const registerDocs = async (
  app: FastifyInstance,
  document: OpenApiDocument,
): Promise<void> => {
  const text = JSON.stringify(document);
  app.get('/openapi.json', (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(text),
  );
  // The plugin's types know OpenAPI 3.0 only; the document is 3.1, which Swagger UI renders.
  const specification: StaticDocumentSpec = {
    document: document as unknown as StaticDocumentSpec['document'],
  };
  await app.register(fastifySwagger, { mode: 'static', specification });
  // Swagger UI's own CSP for its page and assets (scripts and styles from 'self' only), less
  // upgrade-insecure-requests, which would break the page of a local http run.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
};

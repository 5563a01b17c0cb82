import type { FastifyInstance } from 'fastify';
import { parseLosslessJson } from './lossless-json';

export const NDJSON = 'application/x-ndjson';

/** The media type of a request, without parameters. */
export const mediaTypeOf = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * JSON bodies through lossless-json (decimals sent as numbers stay exact); NDJSON bodies as
 * text, with their own (larger) size limit, for bulk imports.
 */
export const registerBodyParsers = (app: FastifyInstance, ndjsonBodyLimit: number): void => {
  // Only these two: any other media type is answered 415 before a handler runs.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseLosslessJson(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(
    NDJSON,
    { parseAs: 'string', bodyLimit: ndjsonBodyLimit },
    (_r, body, done) => done(null, String(body)),
  );
};

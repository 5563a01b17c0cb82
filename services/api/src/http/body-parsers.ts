import type { FastifyInstance } from 'fastify';
import { parseLosslessJson } from './lossless-json';

export const NDJSON = 'application/x-ndjson';

/** The media type of a request, without parameters. */
export const mediaTypeOf = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Both as bytes, so invalid UTF-8 is refused rather than turned into U+FFFD (rules section 14):
 * JSON bodies through the domain's JSON reader (decimals sent as numbers stay exact); NDJSON
 * bodies as they came, with their own (larger) size limit, cut into lines by the domain's line
 * reader in the bulk import.
 */
export const registerBodyParsers = (app: FastifyInstance, ndjsonBodyLimit: number): void => {
  // Only these two: any other media type is answered 415 before a handler runs.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseLosslessJson(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(
    NDJSON,
    { parseAs: 'buffer', bodyLimit: ndjsonBodyLimit },
    (_r, body, done) => done(null, body),
  );
};

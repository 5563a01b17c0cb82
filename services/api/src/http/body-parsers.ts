import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseLosslessJson } from './lossless-json';
import { fail } from './problem-catalog';

export const NDJSON = 'application/x-ndjson';

/** The media type of a request, without parameters. */
export const mediaTypeOf = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** The `charset` parameter of a content type, lower-cased and unquoted, if there is one. */
export const charsetOf = (contentType: string | undefined): string | undefined => {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
};

/**
 * Bodies are read as UTF-8 only: a body that says it is in another charset (latin1) would be
 * read as other characters than the client meant, so it is refused with 415 before it is read.
 */
const requireUtf8 = (request: FastifyRequest): void => {
  const charset = charsetOf(request.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    fail('unsupported-media-type', `charset ${charset} is not supported: send UTF-8`, {
      field: 'content-type',
    });
  }
};

/**
 * Both as bytes, so invalid UTF-8 is refused rather than turned into U+FFFD (rules section 14):
 * JSON bodies through the domain's JSON reader (decimals sent as numbers stay exact); NDJSON
 * bodies as they came, with their own (larger) size limit, cut into lines by the domain's line
 * reader in the bulk import.
 */
export const registerBodyParsers = (app: FastifyInstance, ndjsonBodyLimit: number): void => {
  // Only these two: any other media type is answered 415 before a handler runs.
  app.removeAllContentTypeParsers();
  app.addHook('preParsing', async (request) => {
    requireUtf8(request);
  });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseLosslessJson(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // Kept as bytes: the bulk import decodes each line strictly, so one bad line is one rejection.
  app.addContentTypeParser(
    NDJSON,
    { parseAs: 'buffer', bodyLimit: ndjsonBodyLimit },
    (_r, body, done) => done(null, body),
  );
};

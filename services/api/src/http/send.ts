import type { FastifyReply } from 'fastify';
import type { RouteReply } from '../routes/route';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Writes an answer; JSON is serialized here so every JSON media type is treated alike. */
export const send = (reply: FastifyReply, answer: RouteReply): FastifyReply => {
  const contentType = answer.contentType ?? JSON_CONTENT_TYPE;
  const payload =
    typeof answer.body === 'string' && !contentType.includes('json')
      ? answer.body
      : JSON.stringify(answer.body);
  return reply
    .code(answer.status)
    .headers(answer.headers ?? {})
    .type(contentType)
    .send(payload);
};

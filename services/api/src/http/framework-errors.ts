import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { type ProblemCode, problem } from './problem-catalog';
import { problemReply } from './problem-reply';
import { send } from './send';

/**
 * What Fastify and Node answer on their own (a URL that does not decode, a path segment over
 * the limit, headers over Node's limit) comes as problem JSON too, like every other refusal.
 */
export const frameworkErrors = (
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply => {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return send(
        reply,
        problemReply(
          problem('invalid-input', 'the URL is not valid percent-encoded UTF-8', { field: 'path' }),
        ),
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return send(
        reply,
        problemReply(problem('uri-too-long', 'a path segment is too long', { field: 'path' })),
      );
    default:
      return send(reply, problemReply(problem('invalid-input', error.message)));
  }
};

const rawProblem = (reason: string, code: ProblemCode, detail: string): string => {
  const answer = problem(code, detail);
  const body = JSON.stringify(answer);
  return (
    `HTTP/1.1 ${answer.status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
};

/** Node's own refusals, before there is a request: written to the socket, then it is closed. */
export const clientErrorHandler = (error: NodeJS.ErrnoException, socket: Socket): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      socket.write(
        rawProblem(
          'Request Header Fields Too Large',
          'headers-too-large',
          'the request headers are over the limit',
        ),
      );
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.write(
        rawProblem('Request Timeout', 'request-timeout', 'the request was not received in time'),
      );
    } else {
      socket.write(rawProblem('Bad Request', 'invalid-input', 'the request is not valid HTTP'));
    }
  }
  socket.destroy(error);
};

// One error shape for every 4xx and 5xx: RFC 9457 problem+json with a stable code.
// 5xx answers never carry internals; the request id lets IT find the log line.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, RateLimitedError } from '../../domain/errors.ts';

export const problemSchema = z
  .object({
    type: z.string().describe('URI naming the kind of problem: urn:puncta:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable code, e.g. validation_failed'),
    requestId: z.string(),
    errors: z.array(z.object({ location: z.string(), path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: Problem['errors'],
): FastifyReply {
  const body: Problem = {
    type: `urn:puncta:problem:${code}`,
    title: titles[status] ?? (status >= 500 ? 'Server error' : 'Request error'),
    status,
    detail,
    code,
    requestId: request.id,
    ...(errors === undefined ? {} : { errors }),
  };
  // Serialized by hand: a problem must never fail on the route's response schema.
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

const domainStatus: Record<DomainError['kind'], number> = {
  invalid: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

/** Fastify's own 4xx errors, given codes and words a client can act on. */
const fastifyErrors: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload_too_large',
    detail: 'The request body is larger than this server accepts.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed_json', detail: 'The body is empty but the content type says JSON.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', detail: 'Content-Length does not match the body.' },
};

export type HtmlPageRenderer = (request: FastifyRequest) => string;

function wantsHtmlPage(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')
  );
}

function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  renderServerErrorPage: HtmlPageRenderer | undefined,
): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = error.validationContext ?? 'body';
    return sendProblem(
      request,
      reply,
      400,
      'validation_failed',
      'Some fields are missing or not valid.',
      error.validation.map((issue) => ({
        location,
        path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: issue.message ?? 'is not valid',
      })),
    );
  }
  if (error instanceof DomainError) {
    if (error instanceof RateLimitedError) void reply.header('retry-after', String(error.retryAfterSeconds));
    return sendProblem(request, reply, domainStatus[error.kind], error.code, error.message);
  }
  const known = error.code === undefined ? undefined : fastifyErrors[error.code];
  if (known !== undefined) return sendProblem(request, reply, error.statusCode ?? 400, known.code, known.detail);
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return sendProblem(request, reply, 400, 'malformed_json', 'The body is not valid JSON.');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    // Other client errors from plugins: keep their status, not their internals.
    return sendProblem(request, reply, status, statusCode(status), titles[status] ?? 'The request was not accepted.');
  }
  request.log.error({ err: error }, 'request failed');
  if (renderServerErrorPage !== undefined && wantsHtmlPage(request)) {
    return reply.code(500).type('text/html; charset=utf-8').serializer(String).send(renderServerErrorPage(request));
  }
  return sendProblem(
    request,
    reply,
    500,
    'internal_error',
    'Something went wrong on our side. Quote the request id if you contact the clinic.',
  );
}

function statusCode(status: number): string {
  return (titles[status] ?? 'bad request').toLowerCase().replaceAll(' ', '_');
}

async function problemsPlugin(
  app: FastifyInstance,
  options: { renderNotFoundPage?: HtmlPageRenderer; renderServerErrorPage?: HtmlPageRenderer },
): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) =>
    handleError(error, request, reply, options.renderServerErrorPage),
  );
  app.setNotFoundHandler((request, reply) => {
    if (wantsHtmlPage(request) && options.renderNotFoundPage !== undefined) {
      return reply.code(404).type('text/html; charset=utf-8').send(options.renderNotFoundPage(request));
    }
    return sendProblem(
      request,
      reply,
      404,
      'route_not_found',
      `There is no ${request.method} ${request.url.split('?')[0]}.`,
    );
  });
}

export default fp(problemsPlugin, { name: 'problems' });

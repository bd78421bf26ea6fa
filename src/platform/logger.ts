// pino settings shared by the server, the jobs and the CLI. Logs are for
// operators: they carry request ids and routes, never patient data, passwords,
// tokens or cookies. Keys that could hold such values are censored wherever
// they appear in a logged object, and URLs are logged without their query.
import pino, { type LoggerOptions } from 'pino';

const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'totp',
  'email',
  'phone',
  'dateOfBirth',
  'givenName',
  'familyName',
  'name',
  'displayName',
  'address',
  'notes',
  'answers',
  'to',
  'toAddress',
  'subject',
  'text',
  'html',
];

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): LoggerOptions & { stream?: NodeJS.WritableStream } {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; id: string; ip?: string }) => ({
        method: request.method,
        // The query string could carry search terms typed by a patient.
        url: request.url.split('?')[0],
        requestId: request.id,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
    ...(stream === undefined ? {} : { stream }),
  };
}

export function createLogger(level: string, stream?: NodeJS.WritableStream): pino.Logger {
  const { stream: _ignored, ...options } = loggerOptions(level, stream);
  return stream === undefined ? pino(options) : pino(options, stream);
}

// Errors the domain and the services speak in. They know nothing of HTTP: the
// server's error handler maps each kind to a status and a problem+json body.

/** Stable, machine-readable problem codes; clients may switch on them. */
export type ProblemCode =
  'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'validation_failed' | 'rate_limited' | (string & {});

export abstract class DomainError extends Error {
  abstract readonly kind: 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'invalid' | 'rate_limited';
  constructor(
    readonly code: ProblemCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(what: string) {
    super('not_found', `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}

export class InvalidInputError extends DomainError {
  readonly kind = 'invalid';
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

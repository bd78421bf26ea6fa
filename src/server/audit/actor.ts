// The "who, from where" part of an audit row, taken from the request.
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../../db/repositories/audit.ts';

export function auditActor(request: FastifyRequest): AuditActor {
  const principal = request.principal;
  const userAgent = request.headers['user-agent'];
  return {
    userId: principal.kind === 'user' ? principal.userId : null,
    role: principal.kind === 'user' ? principal.role : null,
    clinicId: principal.kind === 'user' ? principal.clinicId : null,
    requestId: request.id,
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
  };
}

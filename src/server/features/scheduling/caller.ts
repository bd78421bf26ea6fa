// The signed-in person behind a scheduling request, as the use cases take it (plain
// data, no request object): shared by the scheduling and scheduling-admin routes.
import type { FastifyRequest } from 'fastify';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import type { Caller } from './commands.ts';

/** The signed-in caller as the scheduling commands take it: who, in which clinic, and for the audit log. */
export function callerOf(request: FastifyRequest): Caller {
  const user = requireUser(request);
  return {
    userId: user.userId,
    clinicId: user.clinicId,
    role: user.role,
    patientId: user.patientId,
    actor: auditActor(request),
  };
}

// Staff management for clinic admins: who works here, invitations, roles,
// deactivation and ending someone's sessions. All of it acts in the admin's
// current clinic, taken from the session.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listStaff, type StaffMember } from '../../../db/repositories/staff.ts';
import type { Config } from '../../../platform/config.ts';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import { STAFF_ROLES } from '../../auth/principal.ts';
import { problemSchema } from '../../plugins/problems.ts';
import {
  changeStaffRole,
  deactivateStaffMember,
  inviteStaffMember,
  revokeStaffSessions,
  type AdminContext,
} from './commands.ts';

const staffRoleSchema = z.enum(STAFF_ROLES);

export const staffMemberSchema = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    email: z.string(),
    role: staffRoleSchema,
    title: z.string().nullable(),
    deactivatedAt: z.iso.datetime().nullable().describe('Set once an admin deactivated the person in this clinic'),
    mfaEnrolled: z.boolean().describe('Whether the person has confirmed an authenticator (TOTP)'),
  })
  .meta({ id: 'StaffMember' });

const staffListSchema = z.object({ staff: z.array(staffMemberSchema) }).meta({ id: 'StaffList' });

const invitationSchema = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(100),
  role: staffRoleSchema,
});

const userParams = z.strictObject({ userId: z.uuid() });

function present(member: StaffMember): z.infer<typeof staffMemberSchema> {
  return { ...member, deactivatedAt: member.deactivatedAt?.toISOString() ?? null };
}

function adminContext(request: FastifyRequest): AdminContext {
  return { clinicId: requireUser(request).clinicId, actor: auditActor(request) };
}

const adminOnly = { access: { roles: ['clinic_admin'] } } as const;

export default async function staffRoutes(parent: FastifyInstance, options: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = () => app.services.database.db;

  app.get(
    '/staff',
    {
      config: adminOnly,
      schema: {
        tags: ['staff'],
        summary: "The clinic's staff, deactivated people included",
        response: { 200: staffListSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const staff = await listStaff(db(), requireUser(request).clinicId);
      return { staff: staff.map(present) };
    },
  );

  app.post(
    '/staff/invitations',
    {
      config: adminOnly,
      schema: {
        tags: ['staff'],
        summary: 'Invite someone by email to work in this clinic with a role',
        description:
          'Emails a single-use link (valid 7 days) to /app/accept-invitation. Inviting again replaces the ' +
          'earlier link. 409 already_staff when the address belongs to an active member of this clinic.',
        body: invitationSchema,
        response: {
          202: z.object({ status: z.literal('invitation_sent') }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
          415: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { mailer } = app.services;
      await inviteStaffMember(db(), { mailer, config: options.config }, adminContext(request), request.body);
      return reply.code(202).send({ status: 'invitation_sent' as const });
    },
  );

  app.patch(
    '/staff/:userId',
    {
      config: adminOnly,
      schema: {
        tags: ['staff'],
        summary: "Change a staff member's role in this clinic",
        description: '409 last_admin when it would leave the clinic without an active admin.',
        params: userParams,
        body: z.strictObject({ role: staffRoleSchema }),
        response: {
          200: staffMemberSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          415: problemSchema,
        },
      },
    },
    async (request) =>
      present(await changeStaffRole(db(), adminContext(request), request.params.userId, request.body.role)),
  );

  app.post(
    '/staff/:userId/deactivate',
    {
      config: adminOnly,
      schema: {
        tags: ['staff'],
        summary: 'Deactivate a staff member in this clinic; their sessions and API tokens here end',
        description: '409 last_admin when it would leave the clinic without an active admin.',
        params: userParams,
        response: {
          200: staffMemberSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => present(await deactivateStaffMember(db(), adminContext(request), request.params.userId)),
  );

  app.post(
    '/staff/:userId/sessions/revoke',
    {
      config: adminOnly,
      schema: {
        tags: ['staff'],
        summary: "End all of a staff member's sessions in this clinic",
        params: userParams,
        response: { 204: z.null(), 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await revokeStaffSessions(db(), adminContext(request), request.params.userId);
      return reply.code(204).send(null);
    },
  );
}

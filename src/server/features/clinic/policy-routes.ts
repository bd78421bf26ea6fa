// GET/PUT /api/v1/clinic/policy: the screening settings where sources disagree,
// for the clinic's admins.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { POLICY_RATIONALE, clinicPolicyChangeSchema, clinicPolicySchema } from '../../../domain/clinical/policy.ts';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { changePolicy, readPolicy } from './policy.ts';

const differenceSchema = z.object({
  setting: z.string(),
  from: z.union([z.string(), z.number()]),
  to: z.union([z.string(), z.number()]),
  direction: z.enum(['stricter', 'looser', 'different']),
});

const policyViewSchema = z
  .object({
    version: z.number().int().describe('0: nothing stored, the documented defaults apply'),
    policy: clinicPolicySchema,
    defaults: clinicPolicySchema,
    updatedAt: z.iso.datetime().nullable(),
    updatedBy: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
    changes: z.array(differenceSchema).describe('What the current version changed, each stricter or looser'),
    rationale: z
      .record(z.string(), z.object({ default: z.string(), sources: z.array(z.string()), why: z.string() }))
      .describe('Why each default is what it is, with its sources'),
  })
  .meta({ id: 'ClinicPolicyView' });

export default async function clinicPolicyRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const adminOnly = { access: { roles: ['clinic_admin'] as const } };
  const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

  app.get(
    '/clinic/policy',
    {
      config: adminOnly,
      schema: {
        tags: ['clinic'],
        summary: "The clinic's screening policy, with the defaults and why they are what they are",
        response: { 200: policyViewSchema, ...errors },
      },
    },
    async (request) => {
      const view = await readPolicy(app.services.database.db, requireUser(request).clinicId);
      return { ...view, rationale: POLICY_RATIONALE };
    },
  );

  app.put(
    '/clinic/policy',
    {
      config: adminOnly,
      schema: {
        tags: ['clinic'],
        summary: 'Change settings of the screening policy',
        description:
          'Send the settings to change (a whole policy is a valid change). Waits may only be made longer than the ' +
          'documented defaults (400 naming the setting otherwise); the device depth limit may move within ' +
          '0.25-2.5 mm. Each change is a new version; the audit log records it as policy_changed, or ' +
          'policy_loosened when any setting became less strict. 409 when someone else saved meanwhile.',
        body: clinicPolicyChangeSchema,
        response: { 200: policyViewSchema, ...errors, 409: problemSchema, 415: problemSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const view = await changePolicy(
        app.services.database.db,
        { clinicId: user.clinicId, userId: user.userId, actor: auditActor(request) },
        request.body,
      );
      return { ...view, rationale: POLICY_RATIONALE };
    },
  );
}

// Personal API tokens: create (shown once), list, revoke.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import { insertApiToken, listApiTokens, revokeApiToken } from '../../../db/repositories/api-tokens.ts';
import type { Config } from '../../../platform/config.ts';
import { randomToken, sha256Hex } from '../../../platform/secrets.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { API_TOKEN_PREFIX } from '../../auth/plugin.ts';
import { requireUser } from '../../auth/require-user.ts';
import { authContext, inTransaction } from './context.ts';
import { apiTokenCreateBodySchema, apiTokenCreatedSchema, apiTokenListSchema, uuidParamsSchema } from './schemas.ts';
import { denyAsNotFound } from '../../audit/deny.ts';

const noContent = z.null().describe('No content');

export default async function apiTokenRoutes(parent: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/auth/api-tokens',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Your API tokens that still work (never the tokens themselves)',
        response: { 200: apiTokenListSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const tokens = await listApiTokens(app.services.database.db, requireUser(request).userId);
      return {
        tokens: tokens.map((token) => ({
          ...token,
          createdAt: token.createdAt.toISOString(),
          expiresAt: token.expiresAt?.toISOString() ?? null,
          lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/auth/api-tokens',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token acting as you in this clinic',
        description: 'Send it as `Authorization: Bearer <token>`. It cannot be used for /api/v1/auth routes.',
        body: apiTokenCreateBodySchema,
        response: {
          201: apiTokenCreatedSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          415: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const context = authContext(app, config, request);
      const principal = requireUser(request);
      const token = `${API_TOKEN_PREFIX}${randomToken()}`;
      const id = await inTransaction(context, async (tx) => {
        const created = await insertApiToken(tx, {
          userId: principal.userId,
          clinicId: principal.clinicId,
          name: request.body.name,
          tokenHash: sha256Hex(token),
          scopes: [...new Set(request.body.scopes)],
          expiresInDays: request.body.expiresInDays,
        });
        await recordAuditEvent(tx, context.actor, {
          action: 'create',
          outcome: 'allowed',
          resourceType: 'api_token',
          resourceId: created,
        });
        return created;
      });
      return reply.code(201).send({ id, token });
    },
  );

  app.delete(
    '/auth/api-tokens/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens',
        params: uuidParamsSchema,
        response: { 204: noContent, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const context = authContext(app, config, request);
      const principal = requireUser(request);
      const revoked = await inTransaction(context, async (tx) => {
        if (!(await revokeApiToken(tx, principal.userId, request.params.id))) return false;
        await recordAuditEvent(tx, context.actor, {
          action: 'delete',
          outcome: 'allowed',
          resourceType: 'api_token',
          resourceId: request.params.id,
        });
        return true;
      });
      // Someone else's token (or none): the same 404, and the attempt on the record.
      if (!revoked) {
        await denyAsNotFound(context.database.db, context.actor, {
          what: 'The API token',
          resourceType: 'api_token',
          resourceId: request.params.id,
        });
      }
      return reply.code(204).send(null);
    },
  );
}

// /api/v1/auth: accounts, sessions, MFA and API tokens (docs/identity.md).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../platform/config.ts';
import accountRoutes from './account-routes.ts';
import apiTokenRoutes from './api-token-routes.ts';
import mfaRoutes from './mfa-routes.ts';
import sessionRoutes from './session-routes.ts';

export default async function authRoutes(app: FastifyInstance, options: { config: Config }): Promise<void> {
  // Only the config: the options object also carries this plugin's own prefix.
  const { config } = options;
  await app.register(sessionRoutes, { config });
  await app.register(accountRoutes, { config });
  await app.register(mfaRoutes, { config });
  await app.register(apiTokenRoutes, { config });
}

import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../platform/config.ts';

// Placeholder: the routes of this feature are being written (see docs/identity.md).
export default async function staffRoutes(_app: FastifyInstance, _options: { config: Config }): Promise<void> {}

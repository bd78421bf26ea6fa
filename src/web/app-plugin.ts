import type { FastifyInstance } from 'fastify';
import type { Config } from '../platform/config.ts';

export default async function appShell(_app: FastifyInstance, _options: { config: Config }): Promise<void> {}

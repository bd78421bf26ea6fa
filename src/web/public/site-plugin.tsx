import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';

export function renderNotFoundPage(_request: FastifyRequest): string {
  return '<!doctype html><title>Not found</title><h1>Page not found</h1>';
}

export default async function publicSite(_app: FastifyInstance, _options: { config: Config }): Promise<void> {}

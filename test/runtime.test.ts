// A whole node started in-process, as `puncta start` does: the shutdown order
// (stop taking requests, finish the ones in flight, then close the database).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import { startPuncta, type RunningPuncta } from '../src/server/runtime.ts';
import { inject } from 'vitest';

let folder: string;
let node: RunningPuncta;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'puncta-runtime-'));
  const server = inject('postgresTemplate');
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    PUNCTA_DATA_DIR: folder,
    PUNCTA_DEMO_PASSWORD: 'runtime-test-password',
  };
  // On the PostgreSQL run the node migrates an empty database of its own.
  if (server !== null) env.DATABASE_URL = await emptyDatabase(server.url);
  node = await startPuncta(loadConfig(env));
});

afterAll(async () => {
  await node.stop();
  await rm(folder, { recursive: true, force: true });
});

async function emptyDatabase(serverUrl: string): Promise<string> {
  const { adminQuery, withDatabase } = await import('./support/global-setup.ts');
  const name = `puncta_runtime_${process.pid}`;
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(serverUrl, `create database ${name}`);
  return withDatabase(serverUrl, name);
}

describe('a started node', () => {
  it('migrated an empty database and seeded the demo clinic', async () => {
    expect(node.demo).toEqual({ password: 'runtime-test-password', source: 'environment' });
    const clinic = (await (await fetch(`${node.url}/api/v1/clinic`)).json()) as { name: string };
    expect(clinic.name).toBe('Demo Dermatology');
  });

  it('finishes requests in flight when stopped, then refuses new ones and closes the database', async () => {
    const inFlight = Array.from({ length: 40 }, () => fetch(`${node.url}/api/v1/clinic`).then((r) => r.status));
    // Let the requests reach the server before the stop begins.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stopped = node.stop();
    const statuses = await Promise.all(inFlight.map((request) => request.catch(() => 'refused')));
    await stopped;
    // Every request that reached the server got a full answer; none was cut off mid-way.
    expect(statuses.filter((status) => status !== 200 && status !== 503 && status !== 'refused')).toEqual([]);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    await expect(fetch(`${node.url}/healthz`)).rejects.toThrow();
    await expect(node.database.ping()).rejects.toThrow();
  });
});

// The `puncta` command as an operator uses it: real child processes on a
// temporary data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function dataFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'puncta-cli-'));
  folders.push(folder);
  return folder;
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function puncta(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['bin/puncta.js', ...args], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(run: Run, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const match = pattern.exec(run.output());
    if (match !== null) return match;
    if (run.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`expected ${pattern} in output, got:\n${run.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('puncta start', () => {
  it('starts on an empty folder, seeds the demo clinic, prints the logins, and stops cleanly on SIGTERM', async () => {
    const folder = await dataFolder();
    const first = puncta(['start', '--skip-web-build'], { PUNCTA_DATA_DIR: folder });
    const [, url] = await waitForOutput(first, /Puncta is running at (\S+)/);
    await waitForOutput(first, /Ready in/);
    expect(first.output()).toContain('patient1@demo.puncta.test');
    const password = /Password for all demo logins: (\S+)/.exec(first.output())?.[1];
    expect(password).toBe((await readFile(path.join(folder, 'demo-password.txt'), 'utf8')).trim());

    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);

    // A second process on the same folder must refuse, naming the first.
    const second = puncta(['start', '--skip-web-build'], { PUNCTA_DATA_DIR: folder });
    expect(await second.exited).toBe(3);
    expect(second.output()).toContain('in use by another Puncta process');
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Puncta stopped cleanly.');

    // The next start finds the demo clinic and the same password; nothing is seeded twice.
    const again = puncta(['start', '--skip-web-build'], { PUNCTA_DATA_DIR: folder });
    const [, urlAgain] = await waitForOutput(again, /Puncta is running at (\S+)/);
    await waitForOutput(again, /Ready in/);
    expect(again.output()).toContain(`Password for all demo logins: ${password}`);
    const clinic = (await (await fetch(`${urlAgain}/api/v1/clinic`)).json()) as { services: unknown[] };
    expect(clinic.services).toHaveLength(5);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('names every bad variable and exits with code 2', async () => {
    const run = puncta(['start'], { PORT: 'http', DATABASE_URL: 'mysql://nope' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('PORT');
    expect(run.output()).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });
});

describe('puncta commands', () => {
  it('prints help, and rejects an unknown command with code 2', async () => {
    const help = puncta(['help'], {});
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain('backup <file>');
    const unknown = puncta(['launch'], {});
    expect(await unknown.exited).toBe(2);
    expect(unknown.output()).toContain('Unknown command "launch"');
  });

  it('seeds idempotently and rebuilds the demo clinic with --reset', async () => {
    const folder = await dataFolder();
    const env = { PUNCTA_DATA_DIR: folder, PUNCTA_DEMO_PASSWORD: 'a-demo-password-for-tests' };
    const first = puncta(['seed'], env);
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Demo clinic created.');
    const second = puncta(['seed'], env);
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('already present; nothing changed');
    const reset = puncta(['seed', '--reset'], env);
    expect(await reset.exited).toBe(0);
    expect(reset.output()).toContain('Demo clinic created.');
  });
});

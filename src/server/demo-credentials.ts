// The demo logins' password: PUNCTA_DEMO_PASSWORD when set, otherwise one
// generated at first start and kept in the data folder (readable by the owner
// only) so that every later start can print the logins again.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../platform/config.ts';
import { DEMO_PATIENTS, DEMO_STAFF } from '../db/seed/demo-clinic.ts';

const PASSWORD_FILE = 'demo-password.txt';

export interface DemoCredentials {
  password: string;
  source: 'environment' | 'generated' | 'stored';
}

/** A password that reads aloud well: four groups of five, no look-alike characters. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const characters = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return [0, 5, 10, 15].map((start) => characters.slice(start, start + 5).join('')).join('-');
}

/** The demo password from the environment or the data folder, if either has one. */
export async function knownDemoCredentials(config: Config): Promise<DemoCredentials | undefined> {
  if (config.demo.password !== undefined) return { password: config.demo.password, source: 'environment' };
  try {
    const stored = (await readFile(path.join(config.dataDir, PASSWORD_FILE), 'utf8')).trim();
    return stored.length >= 12 ? { password: stored, source: 'stored' } : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The password to seed with: the known one, or a new one kept for later starts. */
export async function demoCredentialsForSeeding(config: Config): Promise<DemoCredentials> {
  const known = await knownDemoCredentials(config);
  if (known !== undefined) return known;
  const password = generatePassword();
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(path.join(config.dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  return { password, source: 'generated' };
}

export function demoLogins(): { email: string; role: string }[] {
  return [
    ...DEMO_STAFF.map((staff) => ({ email: staff.email, role: staff.role.replace('_', ' ') })),
    ...DEMO_PATIENTS.map((patient) => ({ email: patient.email, role: 'patient' })),
  ];
}

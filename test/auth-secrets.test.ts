// The secrets behind identity: token hashing, encryption of TOTP secrets at
// rest, the development session secret kept in the data folder, and the
// common-password list.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import {
  decryptSecret,
  deriveKey,
  encryptSecret,
  randomToken,
  sha256Hex,
  withPersistentSessionSecret,
} from '../src/platform/secrets.ts';
import { isCommonPassword, newPasswordSchema } from '../src/server/auth/password-policy.ts';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('tokens and encryption', () => {
  it('makes 256-bit URL-safe tokens and hashes them with SHA-256', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(token);
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('encrypts with AES-256-GCM under a key derived per purpose, and detects the wrong key or tampering', () => {
    const key = deriveKey('s'.repeat(40), 'totp-secret');
    expect(key).toHaveLength(32);
    expect(deriveKey('s'.repeat(40), 'rate-limit-key').equals(key)).toBe(false);
    const sealed = encryptSecret(key, Buffer.from('top secret seed'));
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(encryptSecret(key, Buffer.from('top secret seed'))).not.toBe(sealed);
    expect(decryptSecret(key, sealed).toString()).toBe('top secret seed');
    expect(() => decryptSecret(deriveKey('t'.repeat(40), 'totp-secret'), sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered!').toString('base64url');
    expect(() => decryptSecret(key, parts.join('.'))).toThrow();
  });
});

describe('the development session secret', () => {
  it('is made once, kept owner-only in the data folder, and reused by the next start', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-secret-'));
    folders.push(dataDir);
    const config = loadConfig({ PUNCTA_DATA_DIR: dataDir });
    expect(config.sessionSecretSet).toBe(false);
    const first = await withPersistentSessionSecret(config);
    const file = path.join(dataDir, 'session-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.sessionSecret).toBe((await readFile(file, 'utf8')).trim());
    expect(first.sessionSecret).toHaveLength(64);
    const second = await withPersistentSessionSecret(loadConfig({ PUNCTA_DATA_DIR: dataDir }));
    expect(second.sessionSecret).toBe(first.sessionSecret);
  });

  it('is not used when PUNCTA_SESSION_SECRET is set', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-secret-'));
    folders.push(dataDir);
    const config = loadConfig({ PUNCTA_DATA_DIR: dataDir, PUNCTA_SESSION_SECRET: 'e'.repeat(40) });
    expect(await withPersistentSessionSecret(config)).toBe(config);
    await expect(stat(path.join(dataDir, 'session-secret'))).rejects.toThrow();
  });

  it('refuses a damaged secret file instead of silently replacing it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-secret-'));
    folders.push(dataDir);
    await writeFile(path.join(dataDir, 'session-secret'), 'short\n');
    await expect(withPersistentSessionSecret(loadConfig({ PUNCTA_DATA_DIR: dataDir }))).rejects.toThrow(
      /at least 32 characters/,
    );
  });
});

describe('session settings', () => {
  it('default to 15 and 30 idle minutes and 12 hours, and can be changed', () => {
    expect(loadConfig({}).sessions).toEqual({ staffIdleMinutes: 15, patientIdleMinutes: 30, maxHours: 12 });
    expect(
      loadConfig({ PUNCTA_STAFF_IDLE_MINUTES: '5', PUNCTA_PATIENT_IDLE_MINUTES: '60', PUNCTA_SESSION_MAX_HOURS: '8' })
        .sessions,
    ).toEqual({ staffIdleMinutes: 5, patientIdleMinutes: 60, maxHours: 8 });
    expect(() => loadConfig({ PUNCTA_STAFF_IDLE_MINUTES: '0' })).toThrow(/PUNCTA_STAFF_IDLE_MINUTES/);
  });
});

describe('new passwords', () => {
  it('refuses common ones whatever their case, and accepts an unusual one', () => {
    expect(isCommonPassword('Password1234')).toBe(true);
    expect(isCommonPassword('SUNSHINE2024!')).toBe(true);
    expect(isCommonPassword('microneedling123')).toBe(true);
    expect(isCommonPassword('violet-lantern-harbour-42')).toBe(false);
    expect(newPasswordSchema.safeParse('violet-lantern-harbour-42').success).toBe(true);
    expect(newPasswordSchema.safeParse('a'.repeat(11)).success).toBe(false);
    expect(newPasswordSchema.safeParse('a'.repeat(257)).success).toBe(false);
  });
});

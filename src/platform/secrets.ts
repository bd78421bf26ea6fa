// Random tokens, their stored hashes, and encryption of the few secrets Puncta
// must read back (TOTP seeds). Keys are derived from PUNCTA_SESSION_SECRET with
// HKDF, one per purpose, so the raw secret never touches data directly.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.ts';

/** A random token for a cookie, a link or an API key: 256 bits, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, hex. Tokens are random, so no salt is needed. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export type KeyPurpose = 'totp-secret' | 'rate-limit-key';

export function deriveKey(sessionSecret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'puncta', `puncta ${purpose} v1`, 32));
}

/** A keyed hash, for values that are guessable (an email) but must not be stored as such. */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

const CIPHER_VERSION = 'v1';

/** AES-256-GCM; the result carries version, IV and tag: `v1.<iv>.<tag>.<ciphertext>`. */
export function encryptSecret(key: Buffer, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [CIPHER_VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Throws when the value was not made by encryptSecret with this key (wrong secret, tampering). */
export function decryptSecret(key: Buffer, sealed: string): Buffer {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== CIPHER_VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new Error('not an encrypted secret');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
}

const SECRET_FILE = 'session-secret';

/**
 * Startup step for a laptop install: when PUNCTA_SESSION_SECRET is unset, use
 * the secret kept in `<PUNCTA_DATA_DIR>/session-secret` (owner-only), making
 * one on first start. Without it, TOTP secrets encrypted by one run could not
 * be read by the next. Production requires the variable (config.ts), and tests
 * do not call this.
 */
export async function withPersistentSessionSecret(config: Config): Promise<Config> {
  if (config.sessionSecretSet) return config;
  const file = path.join(config.dataDir, SECRET_FILE);
  let secret = await readSecretFile(file);
  if (secret === undefined) {
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    try {
      // 'wx': when another process wrote it first, this fails and theirs is read.
      await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    secret = await readSecretFile(file);
  }
  if (secret === undefined || secret.length < 32) {
    throw new Error(`${file} must hold at least 32 characters; restore it or set PUNCTA_SESSION_SECRET`);
  }
  await chmod(file, 0o600);
  return { ...config, sessionSecret: secret, sessionSecretSet: true };
}

async function readSecretFile(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// Password hashing with argon2id at OWASP's recommended minimum cost
// (19 MiB memory, 2 iterations, 1 lane). The PHC string carries its parameters,
// so raising them later still verifies old hashes.
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  // The library's default algorithm is argon2id; the test suite checks the prefix.
  return hash(password, ARGON2ID_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// One schema over the environment, parsed once at start. Nothing else in Puncta
// reads process.env: the typed Config is passed to whatever needs it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const port = z.coerce.number().int().min(0).max(65535);

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // Puncta's own strictness, when it must differ from the NODE_ENV that libraries
    // read: `puncta start` runs React's production build for the demo (NODE_ENV) while
    // staying lenient (PUNCTA_MODE=development). Unset: NODE_ENV decides.
    PUNCTA_MODE: z.enum(['development', 'production', 'test']).optional(),
    PORT: port.default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    PUNCTA_DATA_DIR: z.string().min(1).default('./data'),
    PUNCTA_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -hex 32)').optional(),
    PUNCTA_DEMO: booleanFlag.default(true),
    PUNCTA_DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    PUNCTA_JOBS: booleanFlag.default(true),
    PUNCTA_TRUST_PROXY: booleanFlag.default(false),
    PUNCTA_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_048_576),
    PUNCTA_STAFF_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    PUNCTA_PATIENT_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    PUNCTA_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Puncta <no-reply@puncta.localhost>'),
  })
  .transform(({ PUNCTA_MODE, ...env }) => ({ ...env, mode: PUNCTA_MODE ?? env.NODE_ENV }))
  .superRefine((env, ctx) => {
    if (env.mode === 'production' && env.PUNCTA_SESSION_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUNCTA_SESSION_SECRET'],
        message: 'is required when NODE_ENV=production',
      });
    }
  });

export type Environment = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'production' | 'test';
  /** Local folder for the embedded cluster, photos, backups and demo credentials. */
  dataDir: string;
  http: { host: string; port: number; publicUrl: string; bodyLimitBytes: number; trustProxy: boolean };
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  sessionSecret: string;
  /** False when PUNCTA_SESSION_SECRET was unset and a per-process one was made up (see platform/secrets.ts). */
  sessionSecretSet: boolean;
  sessions: { staffIdleMinutes: number; patientIdleMinutes: number; maxHours: number };
  demo: { enabled: boolean; password: string | undefined };
  jobs: { enabled: boolean };
  logLevel: string;
  mail: { smtpUrl: string | undefined; from: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable at once. */
export function loadConfig(environment: Environment): Config {
  // Empty strings count as "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
  return {
    env: env.mode,
    dataDir: path.resolve(env.PUNCTA_DATA_DIR),
    http: {
      host: env.HOST,
      port: env.PORT,
      publicUrl: publicUrl.replace(/\/$/, ''),
      bodyLimitBytes: env.PUNCTA_BODY_LIMIT_BYTES,
      trustProxy: env.PUNCTA_TRUST_PROXY,
    },
    database:
      env.DATABASE_URL === undefined
        ? { kind: 'pglite', dataDir: path.resolve(env.PUNCTA_DATA_DIR) }
        : { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    // Outside production a per-process secret stands in until startup replaces it
    // with one kept in the data folder (platform/secrets.ts), so that encrypted
    // TOTP secrets survive a restart. Tests keep the per-process one.
    sessionSecret: env.PUNCTA_SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionSecretSet: env.PUNCTA_SESSION_SECRET !== undefined,
    sessions: {
      staffIdleMinutes: env.PUNCTA_STAFF_IDLE_MINUTES,
      patientIdleMinutes: env.PUNCTA_PATIENT_IDLE_MINUTES,
      maxHours: env.PUNCTA_SESSION_MAX_HOURS,
    },
    demo: { enabled: env.PUNCTA_DEMO, password: env.PUNCTA_DEMO_PASSWORD },
    jobs: { enabled: env.PUNCTA_JOBS },
    // Request logs matter in production; on a laptop they would bury the start banner.
    logLevel: env.LOG_LEVEL ?? (env.mode === 'production' ? 'info' : 'warn'),
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
  };
}

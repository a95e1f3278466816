import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';
import { commandMessage } from './web/i18n/commandMessages.ts';
import type { MessageKey, MessageValues } from './web/i18n/i18n.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A requirement or problem of the settings, in English from the catalogue (`cli.errors.config.*`). */
const words = (key: `cli.errors.config.${string}` & MessageKey, values?: MessageValues) =>
  commandMessage(key, values);

const int = (min: number, max: number) => {
  const wholeNumber = words('cli.errors.config.wholeNumber', { min, max });
  return z
    .string()
    .regex(/^\d+$/, wholeNumber)
    .transform(Number)
    .pipe(z.number().int(wholeNumber).min(min, wholeNumber).max(max, wholeNumber));
};
const text = (min: number) => z.string().min(min, words('cli.errors.config.atLeast', { min }));

/**
 * Every setting Cairn reads, keyed by its environment variable, with its default. What each one
 * does is said in the catalogue (`cli.settings.<NAME>`, shown by `cairn --help`).
 */
export const settings = {
  PORT: { schema: int(1, 65535), default: '3000' },
  HOST: { schema: text(1), default: '127.0.0.1' },
  PUBLIC_URL: {
    schema: z
      .string()
      .url(words('cli.errors.config.absoluteUrl'))
      .refine((u) => /^https?:\/\//.test(u), words('cli.errors.config.httpUrl')),
    default: '',
  },
  DATABASE_URL: {
    schema: z.string().regex(/^postgres(ql)?:\/\//, words('cli.errors.config.postgresUrl')),
    default: '',
  },
  DATABASE_POOL_SIZE: { schema: int(1, 200), default: '10' },
  DATABASE_CONNECT_TIMEOUT_MS: { schema: int(100, 600000), default: '5000' },
  CAIRN_DATA_DIR: { schema: text(1), default: '.cairn' },
  CAIRN_DEMO: { schema: bool, default: 'true' },
  CAIRN_MAILBOX: { schema: bool, default: '' },
  CAIRN_PSEUDO_LOCALE: { schema: bool, default: 'false' },
  CAIRN_RUN_JOBS: { schema: bool, default: 'true' },
  WORKER_CONCURRENCY: { schema: int(1, 64), default: '4' },
  JOB_POLL_MS: { schema: int(50, 60000), default: '1000' },
  SMTP_URL: { schema: z.string().regex(/^smtps?:\/\//, words('cli.errors.config.smtpUrl')), default: '' },
  MAIL_FROM: { schema: text(3), default: 'Cairn <no-reply@localhost>' },
  CAIRN_FETCH_FOREIGN: { schema: bool, default: 'true' },
  CAIRN_WEBHOOK_ALLOW_PRIVATE: { schema: bool, default: 'false' },
  CAIRN_OB3_ALLOW_PRIVATE: { schema: bool, default: 'false' },
  CAIRN_FILE_STORE: { schema: z.enum(['database', 'disk']), default: 'database' },
  CAIRN_PAYMENT_PROVIDER: { schema: z.enum(['manual']), default: 'manual' },
  REVIEW_TURNAROUND_DAYS: { schema: int(1, 365), default: '14' },
  TRUST_PROXY: { schema: bool, default: 'false' },
  SESSION_DAYS: { schema: int(1, 365), default: '14' },
  LOGIN_MAX_FAILURES: { schema: int(1, 1000), default: '10' },
  LOGIN_WINDOW_MINUTES: { schema: int(1, 1440), default: '15' },
  LOG_LEVEL: { schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']), default: 'info' },
  CAIRN_SECRET: {
    schema: z.string().min(32, words('cli.errors.config.secretLength', { min: 32 })),
    default: '',
  },
  CAIRN_CONFIG: { schema: z.string(), default: '' },
} as const;

export type SettingName = keyof typeof settings;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | null;
  databasePoolSize: number;
  /** DATABASE_CONNECT_TIMEOUT_MS: the bound on waiting for a PostgreSQL connection. */
  databaseConnectTimeoutMs: number;
  dataDir: string;
  demo: boolean;
  mailbox: boolean;
  /** The language cookie may choose `pseudo` (messages wrapped in ⟦ ⟧). */
  pseudoLocale: boolean;
  runJobs: boolean;
  workerConcurrency: number;
  jobPollMs: number;
  smtpUrl: string | null;
  mailFrom: string;
  trustProxy: boolean;
  sessionDays: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  secureCookies: boolean;
  /** Where evidence files are kept. */
  fileStore: 'database' | 'disk';
  /** The payment provider for application fees (CAIRN_PAYMENT_PROVIDER). */
  paymentProvider: 'manual';
  /** Days before an unreviewed submission is reassigned. */
  reviewTurnaroundDays: number;
  /** Completion-notice webhooks may reach private addresses (CAIRN_WEBHOOK_ALLOW_PRIVATE). */
  webhookAllowPrivate: boolean;
  /** Backpack connections may reach OB 3.0 hosts on private addresses over http (CAIRN_OB3_ALLOW_PRIVATE). */
  ob3AllowPrivate: boolean;
  /** Verification may fetch foreign keys and status lists (CAIRN_FETCH_FOREIGN). */
  fetchForeign: boolean;
  /** CAIRN_SECRET; null only in demo mode, where the runtime generates one into the data folder. */
  secret: string | null;
}

/**
 * Thrown when a setting is invalid. Each problem names the variable and what is allowed, in
 * English from the catalogue (`cli.errors.config.*`): `cairn` says them again in its language.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`${commandMessage('cli.common.configInvalid')}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

function readFileSource(path: string): Source {
  if (!existsSync(path)) throw new ConfigError([words('cli.errors.config.fileMissing', { path })]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError([words('cli.errors.config.notJson', { path, reason: (err as Error).message })]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([words('cli.errors.config.notObject', { path })]);
  }
  const out: Source = {};
  const problems: string[] = [];
  const known = Object.keys(settings).join(', ');
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in settings)) problems.push(words('cli.errors.config.unknownSetting', { key, path, known }));
    else out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

/** Reads and validates the whole configuration; throws ConfigError listing every bad value. */
export function loadConfig(env: Source = process.env): Config {
  const file = env.CAIRN_CONFIG ? readFileSource(env.CAIRN_CONFIG) : {};
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    const given = env[name] ?? file[name];
    const value = given === undefined || given === '' ? setting.default : given.trim();
    if (value === '') {
      raw[name] = undefined;
      continue;
    }
    const result = (setting.schema as z.ZodType).safeParse(value);
    if (result.success) raw[name] = result.data;
    else {
      // The first requirement missed: the ones after it say the same thing more narrowly.
      const requirement = describeIssue(result.error.issues[0]!);
      problems.push(words('cli.errors.config.problem', { name, value: JSON.stringify(value), requirement }));
    }
  }
  if (!raw.CAIRN_SECRET && raw.CAIRN_DEMO === false) problems.push(words('cli.errors.config.secretRequired'));
  if (problems.length) throw new ConfigError(problems);
  const port = raw.PORT as number;
  const demo = raw.CAIRN_DEMO as boolean;
  const publicUrl = ((raw.PUBLIC_URL as string | undefined) ?? `http://localhost:${port}`).replace(
    /\/+$/,
    '',
  );
  return {
    port,
    host: raw.HOST as string,
    publicUrl,
    databaseUrl: (raw.DATABASE_URL as string | undefined) ?? null,
    databasePoolSize: raw.DATABASE_POOL_SIZE as number,
    databaseConnectTimeoutMs: raw.DATABASE_CONNECT_TIMEOUT_MS as number,
    dataDir: raw.CAIRN_DATA_DIR as string,
    demo: demo as boolean,
    mailbox: (raw.CAIRN_MAILBOX as boolean | undefined) ?? (demo as boolean),
    pseudoLocale: raw.CAIRN_PSEUDO_LOCALE as boolean,
    runJobs: raw.CAIRN_RUN_JOBS as boolean,
    workerConcurrency: raw.WORKER_CONCURRENCY as number,
    jobPollMs: raw.JOB_POLL_MS as number,
    smtpUrl: (raw.SMTP_URL as string | undefined) ?? null,
    mailFrom: raw.MAIL_FROM as string,
    trustProxy: raw.TRUST_PROXY as boolean,
    sessionDays: raw.SESSION_DAYS as number,
    loginMaxFailures: raw.LOGIN_MAX_FAILURES as number,
    loginWindowMinutes: raw.LOGIN_WINDOW_MINUTES as number,
    logLevel: raw.LOG_LEVEL as Config['logLevel'],
    secureCookies: publicUrl.startsWith('https://'),
    secret: (raw.CAIRN_SECRET as string | undefined) ?? null,
    fetchForeign: raw.CAIRN_FETCH_FOREIGN as boolean,
    webhookAllowPrivate: raw.CAIRN_WEBHOOK_ALLOW_PRIVATE as boolean,
    ob3AllowPrivate: raw.CAIRN_OB3_ALLOW_PRIVATE as boolean,
    reviewTurnaroundDays: raw.REVIEW_TURNAROUND_DAYS as number,
    fileStore: raw.CAIRN_FILE_STORE as 'database' | 'disk',
    paymentProvider: raw.CAIRN_PAYMENT_PROVIDER as 'manual',
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue)
    return words('cli.errors.config.oneOf', { values: issue.values.join(', ') });
  return issue.message;
}

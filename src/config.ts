import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `a whole number from ${min} to ${max}`)
        .max(max, `a whole number from ${min} to ${max}`),
    );

/** Every setting Cairn reads, keyed by its environment variable, with its default and help. */
export const settings = {
  PORT: { schema: int(1, 65535), default: '3000', help: 'HTTP port for `cairn serve`.' },
  HOST: {
    schema: z.string().min(1),
    default: '127.0.0.1',
    help: 'Address to listen on (0.0.0.0 for all interfaces).',
  },
  PUBLIC_URL: {
    schema: z
      .string()
      .url('an absolute http(s) URL such as https://badges.example.org')
      .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL'),
    default: '',
    help: 'The URL people reach Cairn at; used in links in mail. Default http://localhost:PORT. https:// makes cookies Secure.',
  },
  DATABASE_URL: {
    schema: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL'),
    default: '',
    help: 'A PostgreSQL server to use. Empty: the embedded database (PGlite) in CAIRN_DATA_DIR.',
  },
  DATABASE_POOL_SIZE: {
    schema: int(1, 200),
    default: '10',
    help: 'Connections per process to DATABASE_URL.',
  },
  DATABASE_CONNECT_TIMEOUT_MS: {
    schema: int(100, 600000),
    default: '5000',
    help: 'Longest wait for a connection to DATABASE_URL (a new one, or a free one from the pool). When the database is down, requests get a 503 after at most this long.',
  },
  CAIRN_DATA_DIR: {
    schema: z.string().min(1),
    default: '.cairn',
    help: 'Folder for the embedded database and local files.',
  },
  CAIRN_DEMO: {
    schema: bool,
    default: 'true',
    help: 'Seed demo organisations and users into an empty database, and show the developer mailbox.',
  },
  CAIRN_MAILBOX: {
    schema: bool,
    default: '',
    help: 'Show the developer mailbox at /dev/mailbox. Default: on in demo mode, off otherwise.',
  },
  CAIRN_PSEUDO_LOCALE: {
    schema: bool,
    default: 'false',
    help: 'Let the language cookie choose `pseudo`: every message shown wrapped in ⟦ ⟧, so words that bypass the message catalogue stand out. For translators and tests.',
  },
  CAIRN_RUN_JOBS: {
    schema: bool,
    default: 'true',
    help: '`cairn serve` also runs background jobs. Set false when separate `cairn worker` processes run them.',
  },
  WORKER_CONCURRENCY: { schema: int(1, 64), default: '4', help: 'Jobs one process runs at once.' },
  JOB_POLL_MS: {
    schema: int(50, 60000),
    default: '1000',
    help: 'How often an idle worker looks for due jobs (milliseconds).',
  },
  SMTP_URL: {
    schema: z
      .string()
      .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.org:587'),
    default: '',
    help: 'Mail server. Empty: mail is kept in the outbox table and shown at /dev/mailbox.',
  },
  MAIL_FROM: {
    schema: z.string().min(3),
    default: 'Cairn <no-reply@localhost>',
    help: 'Sender of every email.',
  },
  CAIRN_FETCH_FOREIGN: {
    schema: bool,
    default: 'true',
    help: "Let verification fetch other issuers' did:web documents, key URLs and status lists over https (public addresses only, with timeouts and size limits). false: verify offline.",
  },
  CAIRN_WEBHOOK_ALLOW_PRIVATE: {
    schema: bool,
    default: 'false',
    help: 'Let completion-notice webhooks reach loopback and private addresses (tests, intranets). Off: webhook hosts must resolve to public addresses.',
  },
  CAIRN_OB3_ALLOW_PRIVATE: {
    schema: bool,
    default: 'false',
    help: 'Let "Connect a backpack" reach Open Badges 3.0 hosts on loopback and private addresses over http (tests, intranets). Off: other hosts must be https on public addresses.',
  },
  CAIRN_FILE_STORE: {
    schema: z.enum(['database', 'disk']),
    default: 'database',
    help: 'Where evidence files are kept: in the database (every machine shares them) or on disk in CAIRN_DATA_DIR/files.',
  },
  CAIRN_PAYMENT_PROVIDER: {
    schema: z.enum(['manual']),
    default: 'manual',
    help: 'How application fees are paid: manual = invoices that staff mark paid (receipts emailed). Card processors plug in behind the same interface; Cairn never stores card data.',
  },
  REVIEW_TURNAROUND_DAYS: {
    schema: int(1, 365),
    default: '14',
    help: 'A submission not reviewed within this many days is reassigned to another reviewer.',
  },
  TRUST_PROXY: {
    schema: bool,
    default: 'false',
    help: 'Behind a reverse proxy: take the client address (rate limiting, audit log) from X-Forwarded-For.',
  },
  SESSION_DAYS: { schema: int(1, 365), default: '14', help: 'How long a login lasts without activity.' },
  LOGIN_MAX_FAILURES: {
    schema: int(1, 1000),
    default: '10',
    help: 'Failed logins allowed per email or per address within LOGIN_WINDOW_MINUTES.',
  },
  LOGIN_WINDOW_MINUTES: { schema: int(1, 1440), default: '15', help: 'Window for LOGIN_MAX_FAILURES.' },
  LOG_LEVEL: {
    schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
    default: 'info',
    help: 'Log verbosity.',
  },
  CAIRN_SECRET: {
    schema: z.string().min(32, 'at least 32 characters (e.g. the output of `openssl rand -base64 32`)'),
    default: '',
    help: "Encrypts issuers' private signing keys at rest. Required unless CAIRN_DEMO is on (then one is generated into CAIRN_DATA_DIR). Never change it without re-encrypting keys.",
  },
  CAIRN_CONFIG: {
    schema: z.string(),
    default: '',
    help: 'Optional JSON file with any of these settings as keys; environment variables win.',
  },
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

/** Thrown when a setting is invalid; the message names the variable and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cairn cannot start, its configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

function readFileSource(path: string): Source {
  if (!existsSync(path)) throw new ConfigError([`CAIRN_CONFIG: file ${path} does not exist`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError([`CAIRN_CONFIG: ${path} is not valid JSON (${(err as Error).message})`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`CAIRN_CONFIG: ${path} must hold one JSON object of settings`]);
  }
  const out: Source = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in settings))
      problems.push(`${key} (in ${path}): not a Cairn setting; known: ${Object.keys(settings).join(', ')}`);
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
    else
      problems.push(
        `${name}=${JSON.stringify(value)}: must be ${result.error.issues.map(describeIssue).join('; ')}`,
      );
  }
  if (!raw.CAIRN_SECRET && raw.CAIRN_DEMO === false) {
    problems.push(
      'CAIRN_SECRET: required when CAIRN_DEMO=false; it encrypts signing keys. Generate one with `openssl rand -base64 32`.',
    );
  }
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
  if (issue.code === 'invalid_value' && 'values' in issue) return `one of ${issue.values.join(', ')}`;
  return issue.message;
}

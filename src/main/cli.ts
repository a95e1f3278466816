import { Command } from 'commander';
import { ConfigError, loadConfig, settings, type Config } from '../config.ts';
import { openRuntime, startWeb, startWorker, stopOnSignals } from './runtime.ts';
import { demoLogins, demoToken, isEmpty, seedDemo } from './demo.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { createSafeFetcher } from '../credentials/resolve/safeFetch.ts';
import {
  bakePng,
  bakeSvg,
  extractFromPng,
  extractFromSvg,
  sniffImage,
  BakingError,
} from '../credentials/baking/index.ts';
import { API_SCOPES } from '../http/apiTokens.ts';
import { createApiToken } from '../features/accounts/commands/createApiToken.ts';
import { findOrganisationBySlug } from '../storage/organisations.ts';
import { listIssuerKeys, revokeIssuerKey, rotateIssuerKey } from '../signing/issuerKeys.ts';
import { verifyCredential } from '../credentials/verifier.ts';
import { resolveDidKey } from '../credentials/didKey.ts';
import { fastCanonicalizer } from '../credentials/proofs/fastCanonicalizer.ts';
import type { Runtime } from './runtime.ts';
import { awardCredential } from '../features/issuing/commands/awardCredential.ts';
import { AppError } from '../domain/errors.ts';
import { bulkIssue } from '../features/issuing/bulkIssueCli.ts';
import { changePublicUrl, publicUrlProblem } from './publicUrl.ts';
import { getInstanceSetting } from '../storage/instanceSettings.ts';
import { organisationDid } from '../credentials/issuerIdentity.ts';
import { backupDatabase } from '../features/dataRights/backupDatabase.ts';
import { restoreDatabase } from '../features/dataRights/restoreDatabase.ts';
import { resolveSecret } from '../credentials/services.ts';
import { exportOrganisation } from '../features/dataRights/exportOrganisation.ts';
import { zipStream } from '../web/zip.ts';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee \`cairn --help\` for every setting.\n`);
      process.exit(2);
    }
    throw err;
  }
}

function fail(err: unknown): never {
  process.stderr.write(`cairn: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

const settingsHelp = `\nSettings (environment variables, or keys of the JSON file named by CAIRN_CONFIG):\n${Object.entries(
  settings,
)
  .map(([name, s]) => `  ${name.padEnd(22)} ${s.help}${s.default ? ` Default: ${s.default}.` : ''}`)
  .join('\n')}\n`;

const program = new Command()
  .name('cairn')
  .description('Cairn: micro-credentials and Open Badges 3.0, from application to recognized credit.')
  .addHelpText('after', settingsHelp)
  .showHelpAfterError();

program
  .command('serve')
  .description(
    'Serve the web app (and run background jobs unless CAIRN_RUN_JOBS=false). Migrates the database first; seeds the demo into an empty one when CAIRN_DEMO is on.',
  )
  .action(async () => {
    const config = configOrExit();
    if (!config.runJobs && !config.databaseUrl)
      fail(
        'CAIRN_RUN_JOBS=false needs DATABASE_URL: the embedded database serves one process, so nothing else could run the jobs.',
      );
    const started = Date.now();
    const rt = await openRuntime(config).catch(fail);
    let seeded = false;
    if (config.demo && (await isEmpty(rt.storage.db))) {
      await seedDemo(rt.storage.db, rt.clock.now(), rt.config);
      seeded = true;
    }
    const web = await startWeb(rt).catch(fail);
    stopOnSignals(rt, [web.stop]);
    const where =
      rt.storage.kind === 'pglite'
        ? `embedded database in ${rt.storage.location}`
        : `PostgreSQL at ${rt.storage.location}`;
    process.stdout.write(
      `\nCairn is running at ${web.url} (${where}; jobs ${web.worker ? 'in this process' : 'in separate workers'}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    if (config.demo) {
      process.stdout.write(`${seeded ? 'Seeded the demo. ' : ''}${demoLogins(web.url)}\n`);
      const token = await demoToken(rt.storage.db, rt.clock.now(), rt.config.dataDir);
      if (token) process.stdout.write(`${token.howTo(web.url)}\n`);
    }
    process.stdout.write('Press Ctrl+C to stop.\n\n');
  });

program
  .command('worker')
  .description(
    'Run background jobs (mail, reminders, issuing) against DATABASE_URL. Start as many as you like.',
  )
  .option('--once', 'run every due job, then exit')
  .action(async (opts: { once?: boolean }) => {
    const config = configOrExit();
    if (!config.databaseUrl)
      fail(
        '`cairn worker` needs DATABASE_URL: with the embedded database, `cairn serve` runs the jobs itself.',
      );
    const rt = await openRuntime(config).catch(fail);
    const worker = await startWorker(rt);
    if (opts.once) {
      await worker.stop();
      await worker.drain();
      await rt.storage.close();
      return;
    }
    stopOnSignals(rt, [() => worker.stop()]);
    rt.logger.info('worker started', { worker: worker.name, concurrency: config.workerConcurrency });
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit (also done by serve and worker on start).')
  .action(async () => {
    const config = configOrExit();
    const rt = await openRuntime(config, {}, { checkPublicUrl: false }).catch(fail);
    process.stdout.write(`Database is up to date (${rt.storage.kind}).\n`);
    await rt.storage.close();
  });

program
  .command('demo')
  .description('Seed the demo organisations and users into an empty database and print their logins.')
  .action(async () => {
    const config = configOrExit();
    const rt = await openRuntime(config).catch(fail);
    if (await isEmpty(rt.storage.db)) {
      await seedDemo(rt.storage.db, rt.clock.now(), rt.config);
      process.stdout.write('Seeded the demo.\n');
    } else {
      process.stdout.write('The database already has accounts; nothing seeded.\n');
    }
    process.stdout.write(`${demoLogins(config.publicUrl)}\n`);
    await rt.storage.close();
  });

const publicUrl = program
  .command('public-url')
  .description(
    'The public URL this database is served at: did:web identifiers and status lists are made from it, so every process must use the same one.',
  );
publicUrl
  .command('show')
  .description('Print the public URL stored in the database (recorded by the first start).')
  .action(async () => {
    const rt = await openRuntime(configOrExit(), {}, { checkPublicUrl: false }).catch(fail);
    const stored = await getInstanceSetting(rt.storage.db, 'public_url');
    await rt.storage.close();
    process.stdout.write(
      stored
        ? `${stored}\n`
        : 'None stored yet: the next `cairn serve` or `cairn worker` records its PUBLIC_URL.\n',
    );
  });
publicUrl
  .command('set <url>')
  .description(
    'Change the public URL deliberately: store it and re-sign every status list under the new did:web identifiers (also repairs lists signed under another address). Restart every process with PUBLIC_URL=<url> afterwards.',
  )
  .action(async (url: string) => {
    const problem = publicUrlProblem(url);
    if (problem) fail(problem);
    const rt = await openRuntime(configOrExit(), {}, { checkPublicUrl: false }).catch(fail);
    try {
      const r = await changePublicUrl(rt.storage.db, rt.credentials, rt.config, url, rt.clock.now());
      const local = new URL(r.publicUrl);
      const start =
        ['localhost', '127.0.0.1'].includes(local.hostname) && local.port
          ? `PUBLIC_URL=${r.publicUrl} (or just PORT=${local.port} when PUBLIC_URL is not set)`
          : `PUBLIC_URL=${r.publicUrl}`;
      process.stdout.write(
        [
          r.previous && r.previous !== r.publicUrl
            ? `Public URL changed from ${r.previous} to ${r.publicUrl}.`
            : `Public URL is ${r.publicUrl}.`,
          `Re-signed ${r.lists} status list${r.lists === 1 ? '' : 's'} as ${organisationDid(r.publicUrl, '<organisation>')}; DID documents are served at the new address by every process started with it.`,
          `Now start Cairn with ${start}, and restart any process still running with another address.`,
        ].join('\n') + '\n',
      );
    } finally {
      await rt.storage.close();
    }
  });

/** Runs work against the database and closes it, with the organisation named by --org. */
async function withOrganisation(
  slug: string,
  work: (rt: Runtime, org: { id: number; slug: string; name: string }) => Promise<void>,
): Promise<void> {
  const rt = await openRuntime(configOrExit()).catch(fail);
  try {
    const org = await findOrganisationBySlug(rt.storage.db, slug);
    if (!org) fail(`No organisation with the slug "${slug}".`);
    await work(rt, org);
  } finally {
    await rt.storage.close();
  }
}

const tokens = program
  .command('tokens')
  .description('Organisation API tokens for the JSON API (/api/v1) and the VC API (/credentials/issue).');
tokens
  .command('create')
  .description('Create an API token for an organisation and print it (only shown once).')
  .requiredOption('--org <slug>', 'the organisation')
  .option('--name <name>', 'what the token is for', 'CLI token')
  .option(
    '--scope <scopes>',
    `what the token may do, comma-separated (default: all of ${API_SCOPES.join(', ')})`,
  )
  .action(async (opts: { org: string; name: string; scope?: string }) => {
    await withOrganisation(opts.org, async (rt, org) => {
      const { token, publicId, scopes } = await createApiToken(
        { db: rt.storage.db, clock: rt.clock },
        { name: opts.name, scopes: opts.scope, actor: { organisationId: org.id, userId: null, ip: null } },
      ).catch((err: unknown) =>
        fail(
          err instanceof AppError
            ? `${err.message} ${Object.values(err.fields).join(' ')}`.trim()
            : (err as Error).message,
        ),
      );
      process.stdout.write(`${token}\n`);
      process.stderr.write(
        `Created token ${publicId} for ${org.name} with scopes ${scopes.join(', ')}. Store it now: it cannot be shown again.\n`,
      );
    });
  });

const keys = program
  .command('keys')
  .description("Issuer signing keys (Ed25519, published in the organisation's did:web document).");
keys
  .command('list')
  .description("List an organisation's keys.")
  .requiredOption('--org <slug>', 'the organisation')
  .action(async (opts: { org: string }) => {
    await withOrganisation(opts.org, async (rt, org) => {
      for (const k of await listIssuerKeys(rt.storage.db, org.id)) {
        process.stdout.write(
          `${k.public_id}  ${k.algorithm.padEnd(7)}  ${k.status.padEnd(7)}  ${k.public_key_multibase ?? 'RSA (JWK)'}  created ${k.created_at.toISOString()}\n`,
        );
      }
    });
  });
keys
  .command('rotate')
  .description('Start signing with a new key; the old one stays published so existing badges keep verifying.')
  .requiredOption('--org <slug>', 'the organisation')
  .option('--algorithm <name>', 'Ed25519 (Data Integrity and EdDSA JWTs) or RSA (RS256 JWTs)', 'Ed25519')
  .action(async (opts: { org: string; algorithm: string }) => {
    const algorithm =
      opts.algorithm.toLowerCase() === 'rsa'
        ? 'RSA'
        : opts.algorithm.toLowerCase() === 'ed25519'
          ? 'Ed25519'
          : fail('--algorithm must be Ed25519 or RSA');
    await withOrganisation(opts.org, async (rt, org) => {
      const key = await rotateIssuerKey(
        rt.storage.db,
        org.id,
        rt.credentials.vault,
        rt.clock.now(),
        algorithm,
      );
      process.stdout.write(`New active ${algorithm} key ${key.public_id} for ${org.name}.\n`);
    });
  });
keys
  .command('revoke')
  .description('Mark a key compromised: credentials it signed stop verifying.')
  .requiredOption('--org <slug>', 'the organisation')
  .requiredOption('--key <id>', 'the key id (from `cairn keys list`)')
  .requiredOption('--reason <text>', 'why, for the record')
  .action(async (opts: { org: string; key: string; reason: string }) => {
    await withOrganisation(opts.org, async (rt, org) => {
      if (!(await revokeIssuerKey(rt.storage.db, org.id, opts.key, opts.reason, rt.clock.now())))
        fail(`No live key ${opts.key} in ${org.slug}.`);
      process.stdout.write(
        `Key ${opts.key} is revoked. Rotate to keep issuing: cairn keys rotate --org ${org.slug}\n`,
      );
    });
  });

program
  .command('verify <file-or-url>')
  .description(
    'Verify a credential (JSON, compact JWS, or a baked PNG/SVG badge) and print the report; exit 0 when verified, 1 when not. Asks the running Cairn at PUBLIC_URL, or checks offline (did:key only) with --offline.',
  )
  .option('--offline', 'verify without any server (did:key issuers only)')
  .option('--json', 'print the report as JSON')
  .action(async (file: string, opts: { offline?: boolean; json?: boolean }) => {
    const config = configOrExit();
    let text: string;
    try {
      let bytes: Buffer;
      if (/^https:\/\//.test(file)) {
        if (opts.offline || !config.fetchForeign)
          fail('Fetching a URL needs the network: drop --offline and keep CAIRN_FETCH_FOREIGN on.');
        const fetched = await createSafeFetcher().fetchJson(file);
        bytes = Buffer.from(JSON.stringify(fetched));
      } else bytes = readFileSync(file === '-' ? 0 : file);
      const image = sniffImage(bytes);
      if (image) {
        const baked = image === 'png' ? extractFromPng(bytes) : extractFromSvg(bytes.toString('utf8'));
        if (!baked) fail(`${file} is a ${image.toUpperCase()} image with no badge baked in.`);
        text = baked.data;
      } else text = bytes.toString('utf8');
    } catch (err) {
      fail(`Cannot read ${file}: ${(err as Error).message}`);
    }
    let report: {
      verified: boolean;
      checks: Array<{ id: string; ok: boolean; code?: string; message?: string }>;
    };
    if (opts.offline) {
      report = await verifyCredential(text, {
        canonicalizer: fastCanonicalizer(),
        now: new Date(),
        resolveKey: async (vm) => {
          if (!vm.startsWith('did:key:'))
            throw new Error(`${vm} needs a network lookup; run without --offline against a Cairn server`);
          const doc = resolveDidKey(vm) as { publicKeyMultibase: string; controller: string };
          return doc;
        },
        loadStatusList: async (url) => {
          throw new Error(`status list ${url} needs a network lookup`);
        },
      });
    } else {
      const body = text.trim().startsWith('{')
        ? { verifiableCredential: JSON.parse(text) as unknown }
        : { verifiableCredential: text.trim() };
      const res = await fetch(`${config.publicUrl}/credentials/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      }).catch((err: Error) =>
        fail(
          `Cannot reach Cairn at ${config.publicUrl} (${err.message}). Start it with \`cairn serve\`, set PUBLIC_URL, or use --offline.`,
        ),
      );
      report = (await res.json()) as typeof report;
    }
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      for (const c of report.checks ?? [])
        process.stdout.write(
          `${c.ok ? '✔' : '✖'} ${c.id}${c.ok ? '' : ` — ${c.code}: ${c.message ?? ''}`}\n`,
        );
      process.stdout.write(report.verified ? 'VERIFIED\n' : 'NOT VERIFIED\n');
    }
    process.exit(report.verified ? 0 : 1);
  });

program
  .command('issue')
  .description(
    'Award a published micro-credential to a person by email (--email), or to everyone on a CSV roster (--csv): signed credentials are issued and stored, claim emails queued.',
  )
  .requiredOption('--org <slug>', 'the issuing organisation')
  .requiredOption(
    '--micro-credential <id-or-slug>',
    'the micro-credential: its id (mc_…) or its web address slug',
  )
  .option('--email <address>', 'the recipient')
  .option('--narrative <text>', 'evidence narrative')
  .option('--evidence-url <url>', 'a page showing the evidence')
  .option('--credits <n>', 'credits earned, e.g. 1.5')
  .option('--issued-on <date>', 'issue date, YYYY-MM-DD (default: today)')
  .option('--csv <file>', 'bulk award: a CSV roster with a header line (streamed; any size)')
  .option(
    '--map <pairs>',
    'bulk award: columns as field=column pairs, e.g. email=Email,name=Name,externalId=Student ID (default: guessed from the header)',
  )
  .option('--dry-run', 'bulk award: check every row and print the report; issue nothing')
  .option('--run <id>', 'bulk award: issue (or resume, or watch) an earlier run by its id (run_…)')
  .action(
    async (opts: {
      org: string;
      microCredential: string;
      email?: string;
      narrative?: string;
      evidenceUrl?: string;
      credits?: string;
      issuedOn?: string;
      csv?: string;
      map?: string;
      dryRun?: boolean;
      run?: string;
    }) => {
      if (opts.csv || opts.run) {
        await withOrganisation(opts.org, async (rt, org) => {
          const ok = await bulkIssue(rt, org, opts, (text) => process.stdout.write(text)).catch(
            (err: unknown) =>
              fail(
                err instanceof AppError
                  ? `${err.message} ${Object.values(err.fields)
                      .filter((f) => f !== err.message)
                      .join(' ')}`.trim()
                  : (err as Error).message,
              ),
          );
          if (!ok) process.exitCode = 1;
        });
        return;
      }
      if (!opts.email) fail('Give --email <address> (one recipient) or --csv <file> (a roster).');
      const email = opts.email;
      await withOrganisation(opts.org, async (rt, org) => {
        try {
          const bySlug = opts.microCredential.startsWith('mc_')
            ? undefined
            : await rt.storage.db
                .selectFrom('micro_credentials')
                .select('public_id')
                .where('organisation_id', '=', org.id)
                .where('slug', '=', opts.microCredential)
                .executeTakeFirst();
          const credits =
            opts.credits === undefined
              ? undefined
              : Number.isFinite(Number(opts.credits))
                ? Number(opts.credits)
                : opts.credits;
          const issued = await awardCredential(
            { db: rt.storage.db, clock: rt.clock, config: rt.config, credentials: rt.credentials },
            { organisationId: org.id, userId: null, ip: null },
            {
              email,
              microCredential: bySlug?.public_id ?? opts.microCredential,
              narrative: opts.narrative,
              evidenceUrl: opts.evidenceUrl,
              creditsEarned: credits,
              issuedOn: opts.issuedOn,
            },
          );
          process.stdout.write(`Issued ${issued.publicId} to ${email}.\n`);
        } catch (err) {
          fail(
            err instanceof AppError
              ? `${err.message} ${Object.values(err.fields).join(' ')}`.trim()
              : (err as Error).message,
          );
        }
      });
    },
  );

program
  .command('bake')
  .description(
    'Bake a credential (JSON or compact JWS file) into a PNG or SVG badge image, replacing any credential already in it.',
  )
  .requiredOption('--credential <file>', 'the signed credential')
  .requiredOption('--image <file>', 'the badge image (PNG or SVG, recognised by its bytes)')
  .requiredOption('--out <file>', 'where to write the baked image')
  .action((opts: { credential: string; image: string; out: string }) => {
    try {
      const image = readFileSync(opts.image);
      const kind = sniffImage(image);
      if (!kind) fail(`${opts.image} is neither a PNG nor an SVG image.`);
      const credential = readFileSync(opts.credential, 'utf8').trim();
      const baked =
        kind === 'png'
          ? bakePng(image, credential)
          : Buffer.from(bakeSvg(image.toString('utf8'), credential));
      writeFileSync(opts.out, baked);
      process.stdout.write(`Baked into ${opts.out} (${kind.toUpperCase()}, ${baked.length} bytes).\n`);
    } catch (err) {
      fail(err instanceof BakingError ? err.message : `Cannot bake: ${(err as Error).message}`);
    }
  });

// ── Backups and data rights (backup, restore, export) ──────────────────────────────────────
/** The backup passphrase: from --passphrase-file or CAIRN_BACKUP_PASSPHRASE, never an argument (it would show in `ps`). */
function backupPassphrase(file: string | undefined): string {
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      fail(`Cannot read the passphrase file ${file}: ${(err as Error).message}`);
    }
  }
  const env = process.env.CAIRN_BACKUP_PASSPHRASE;
  if (!env)
    fail('Give the backup passphrase in a file (--passphrase-file <file>) or in CAIRN_BACKUP_PASSPHRASE.');
  return env;
}

program
  .command('backup')
  .description(
    'Write an encrypted, consistent snapshot of the database (and evidence files kept on disk) to a file. Issuer keys stay sealed under CAIRN_SECRET: keep that secret too, a restore needs the same one.',
  )
  .requiredOption(
    '--out <file>',
    'where to write the backup (written beside it, then renamed: never half a file)',
  )
  .option(
    '--passphrase-file <file>',
    'a file holding the passphrase (else CAIRN_BACKUP_PASSPHRASE); at least 12 characters',
  )
  .action(async (opts: { out: string; passphraseFile?: string }) => {
    const passphrase = backupPassphrase(opts.passphraseFile);
    const rt = await openRuntime(configOrExit()).catch(fail);
    try {
      const made = await backupDatabase({
        db: rt.storage.db,
        kind: rt.storage.kind,
        dataDir: rt.config.dataDir,
        secret: resolveSecret(rt.config),
        passphrase,
        out: opts.out,
        now: rt.clock.now(),
        progress: (line) => process.stderr.write(line),
      });
      const rows = made.manifest.tables.reduce((n, t) => n + t.rows, 0);
      process.stdout.write(
        `Backed up ${made.manifest.tables.length} tables (${rows} rows) and ${made.manifest.files.length} files on disk to ${opts.out} (${made.bytes} bytes, encrypted).\n`,
      );
    } catch (err) {
      fail(err);
    } finally {
      await rt.storage.close();
    }
  });

program
  .command('restore')
  .description(
    'Restore a backup into an EMPTY database (DATABASE_URL, or the embedded one in CAIRN_DATA_DIR): migrates first, restores in one transaction, checks every count and hash. Needs the CAIRN_SECRET of the backed-up site. Refuses a database that has data.',
  )
  .requiredOption('--in <file>', 'the backup file')
  .option('--passphrase-file <file>', 'a file holding the passphrase (else CAIRN_BACKUP_PASSPHRASE)')
  .action(async (opts: { in: string; passphraseFile?: string }) => {
    const passphrase = backupPassphrase(opts.passphraseFile);
    const rt = await openRuntime(configOrExit()).catch(fail);
    try {
      const summary = await restoreDatabase({
        db: rt.storage.db,
        fileStore: rt.config.fileStore,
        dataDir: rt.config.dataDir,
        secret: resolveSecret(rt.config),
        passphrase,
        input: opts.in,
        progress: (line) => process.stderr.write(line),
      });
      const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
      process.stdout.write(
        `Restored the backup of ${summary.header.createdAt} (Cairn ${summary.header.cairnVersion}, ${summary.header.database}): ${summary.tables.length} tables, ${rows} rows, ${summary.files} evidence files; every count and hash checked. Logins start afresh (sessions are not in backups).\n`,
      );
    } catch (err) {
      fail(err);
    } finally {
      await rt.storage.close();
    }
  });

program
  .command('export')
  .description(
    "Write all of one organisation's data (designs, versions, applications, credentials, runs, members, programs, ledger, audit log) to a ZIP of JSON files. Secrets are left out.",
  )
  .requiredOption('--org <slug>', 'the organisation')
  .requiredOption('--out <file>', 'where to write the ZIP')
  .action(async (opts: { org: string; out: string }) => {
    await withOrganisation(opts.org, async (rt, org) => {
      const temporary = `${opts.out}.partial`;
      try {
        const stream = zipStream(
          exportOrganisation(rt.storage.db, org, { userId: null, ip: null }, rt.clock.now()),
          { defaultDate: rt.clock.now() },
        );
        await pipeline(
          Readable.fromWeb(stream as WebReadableStream<Uint8Array>),
          createWriteStream(temporary, { mode: 0o600 }),
        );
        renameSync(temporary, opts.out);
        process.stdout.write(`Exported ${org.name} to ${opts.out}.\n`);
      } catch (err) {
        rmSync(temporary, { force: true });
        fail(err);
      }
    });
  });
// ── end of backups and data rights ──────────────────────────────────────────────────────────

await program.parseAsync(process.argv);

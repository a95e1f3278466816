import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { createSafeFetcher } from '../../credentials/resolve/safeFetch.ts';
import {
  bakePng,
  bakeSvg,
  extractFromPng,
  extractFromSvg,
  sniffImage,
  BakingError,
} from '../../credentials/baking/index.ts';
import { verifyCredential } from '../../credentials/verifier.ts';
import { resolveDidKey } from '../../credentials/didKey.ts';
import { fastCanonicalizer } from '../../credentials/proofs/fastCanonicalizer.ts';
import { awardCredential } from '../../features/issuing/commands/awardCredential.ts';
import { systemActor } from '../../features/issuing/issuingActor.ts';
import { AppError } from '../../domain/errors.ts';
import { bulkIssue } from '../../features/issuing/bulkIssueCli.ts';

import { configOrExit, fail, withOrganisation } from './support.ts';

function registerVerify(program: Command): void {
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
}

// eslint-disable-next-line max-lines-per-function -- one command: its options and its two modes (one award, or a CSV run) read best together
function registerIssue(program: Command): void {
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
              {
                actor: systemActor('cli: issue'),
                organisationId: org.id,
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
}

function registerBake(program: Command): void {
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
}

/** `cairn verify`, `cairn issue` and `cairn bake`: credentials from the command line. */
export function credentialCommands(program: Command): void {
  registerVerify(program);
  registerIssue(program);
  registerBake(program);
}

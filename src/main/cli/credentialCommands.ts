import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { translateMessage } from '../../web/i18n/commandMessages.ts';

import { configOrExit, describeError, fail, say, withOrganisation } from './support.ts';
import { cliWords } from './language.ts';

const { t } = cliWords;

function registerVerify(program: Command): void {
  program
    .command('verify <file-or-url>')
    .description(t('cli.verify.description'))
    .option('--offline', t('cli.verify.offline'))
    .option('--json', t('cli.verify.json'))
    .action(async (file: string, opts: { offline?: boolean; json?: boolean }) => {
      const config = configOrExit();
      const { extractFromPng, extractFromSvg, sniffImage } =
        await import('../../credentials/baking/index.ts');
      let text: string;
      try {
        let bytes: Buffer;
        if (/^https:\/\//.test(file)) {
          if (opts.offline || !config.fetchForeign) fail(t('cli.verify.needsNetwork'));
          const { createSafeFetcher } = await import('../../credentials/resolve/safeFetch.ts');
          const fetched = await createSafeFetcher().fetchJson(file);
          bytes = Buffer.from(JSON.stringify(fetched));
        } else bytes = readFileSync(file === '-' ? 0 : file);
        const image = sniffImage(bytes);
        if (image) {
          const baked = image === 'png' ? extractFromPng(bytes) : extractFromSvg(bytes.toString('utf8'));
          if (!baked) fail(t('cli.verify.notBaked', { file, kind: image.toUpperCase() }));
          text = baked.data;
        } else text = bytes.toString('utf8');
      } catch (err) {
        fail(t('cli.verify.cannotRead', { file, reason: describeError(err) }));
      }
      let report: {
        verified: boolean;
        checks: Array<{ id: string; ok: boolean; code?: string; message?: string }>;
      };
      if (opts.offline) {
        const { verifyCredential } = await import('../../credentials/verifier.ts');
        const { resolveDidKey } = await import('../../credentials/didKey.ts');
        const { fastCanonicalizer } = await import('../../credentials/proofs/fastCanonicalizer.ts');
        report = await verifyCredential(text, {
          canonicalizer: fastCanonicalizer(),
          now: new Date(),
          resolveKey: async (vm) => {
            if (!vm.startsWith('did:key:')) throw new Error(t('cli.verify.keyNeedsNetwork', { key: vm }));
            const doc = resolveDidKey(vm) as { publicKeyMultibase: string; controller: string };
            return doc;
          },
          loadStatusList: async (url) => {
            throw new Error(t('cli.verify.listNeedsNetwork', { url }));
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
          fail(t('cli.verify.unreachable', { url: config.publicUrl, reason: err.message })),
        );
        report = (await res.json()) as typeof report;
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        for (const c of report.checks ?? [])
          say(
            `${c.ok ? '✔' : '✖'} ${c.id}${c.ok ? '' : ` — ${c.code}: ${translateMessage(cliWords, c.message ?? '')}`}`,
          );
        say(report.verified ? t('cli.verify.verified') : t('cli.verify.notVerified'));
      }
      process.exit(report.verified ? 0 : 1);
    });
}

function registerIssue(program: Command): void {
  program
    .command('issue')
    .description(t('cli.issue.description'))
    .requiredOption('--org <slug>', t('cli.issue.org'))
    .requiredOption('--micro-credential <id-or-slug>', t('cli.issue.microCredential'))
    .option('--email <address>', t('cli.issue.email'))
    .option('--narrative <text>', t('cli.issue.narrative'))
    .option('--evidence-url <url>', t('cli.issue.evidenceUrl'))
    .option('--credits <n>', t('cli.issue.credits'))
    .option('--issued-on <date>', t('cli.issue.issuedOn'))
    .option('--csv <file>', t('cli.issue.csv'))
    .option('--map <pairs>', t('cli.issue.map'))
    .option('--dry-run', t('cli.issue.dryRun'))
    .option('--run <id>', t('cli.issue.run'))
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
            const { bulkIssue } = await import('../../features/issuing/bulkIssueCli.ts');
            const ok = await bulkIssue(rt, org, opts, cliWords, say).catch(fail);
            if (!ok) process.exitCode = 1;
          });
          return;
        }
        if (!opts.email) fail(t('cli.issue.needsRecipient'));
        const email = opts.email;
        await withOrganisation(opts.org, async (rt, org) => {
          const { awardCredential } = await import('../../features/issuing/commands/awardCredential.ts');
          const { systemActor } = await import('../../features/issuing/issuingActor.ts');
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
            say(t('cli.issue.issued', { id: issued.publicId, email }));
          } catch (err) {
            fail(err);
          }
        });
      },
    );
}

function registerBake(program: Command): void {
  program
    .command('bake')
    .description(t('cli.bake.description'))
    .requiredOption('--credential <file>', t('cli.bake.credential'))
    .requiredOption('--image <file>', t('cli.bake.image'))
    .requiredOption('--out <file>', t('cli.bake.out'))
    .action(async (opts: { credential: string; image: string; out: string }) => {
      const { bakePng, bakeSvg, sniffImage, BakingError } = await import('../../credentials/baking/index.ts');
      try {
        const image = readFileSync(opts.image);
        const kind = sniffImage(image);
        if (!kind) fail(t('cli.bake.notImage', { file: opts.image }));
        const credential = readFileSync(opts.credential, 'utf8').trim();
        const baked =
          kind === 'png'
            ? bakePng(image, credential)
            : Buffer.from(bakeSvg(image.toString('utf8'), credential));
        writeFileSync(opts.out, baked);
        say(t('cli.bake.baked', { file: opts.out, kind: kind.toUpperCase(), bytes: baked.length }));
      } catch (err) {
        fail(err instanceof BakingError ? err : t('cli.bake.cannotBake', { reason: (err as Error).message }));
      }
    });
}

/** `cairn verify`, `cairn issue` and `cairn bake`: credentials from the command line. */
export function credentialCommands(program: Command): void {
  registerVerify(program);
  registerIssue(program);
  registerBake(program);
}

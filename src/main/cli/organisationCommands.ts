import { Command } from 'commander';
import { API_SCOPES } from '../../http/apiTokens.ts';
import { createApiToken } from '../../features/accounts/commands/createApiToken.ts';
import { listIssuerKeys, revokeIssuerKey, rotateIssuerKey } from '../../signing/issuerKeys.ts';
import { AppError } from '../../domain/errors.ts';

import { fail, withOrganisation } from './support.ts';

function registerTokens(program: Command): void {
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
}

function registerKeys(program: Command): void {
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
    .description(
      'Start signing with a new key; the old one stays published so existing badges keep verifying.',
    )
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
}

/** `cairn tokens` and `cairn keys`: an organisation's API tokens and signing keys. */
export function organisationCommands(program: Command): void {
  registerTokens(program);
  registerKeys(program);
}

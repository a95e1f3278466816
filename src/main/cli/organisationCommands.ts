import { Command } from 'commander';
import { API_SCOPES } from '../../http/apiTokens.ts';

import { fail, say, withOrganisation } from './support.ts';
import { cliWords } from './language.ts';

const { t } = cliWords;

function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description(t('cli.tokens.description'));
  tokens
    .command('create')
    .description(t('cli.tokens.create'))
    .requiredOption('--org <slug>', t('cli.common.org'))
    .option('--name <name>', t('cli.tokens.name'), t('cli.tokens.defaultName'))
    .option('--scope <scopes>', t('cli.tokens.scope', { scopes: API_SCOPES.join(', ') }))
    .action(async (opts: { org: string; name: string; scope?: string }) => {
      await withOrganisation(opts.org, async (rt, org) => {
        const { createApiToken } = await import('../../features/accounts/commands/createApiToken.ts');
        const { token, publicId, scopes } = await createApiToken(
          { db: rt.storage.db, clock: rt.clock },
          { name: opts.name, scopes: opts.scope, actor: { organisationId: org.id, userId: null, ip: null } },
        ).catch(fail);
        process.stdout.write(`${token}\n`);
        const created = { id: publicId, organisation: org.name, scopes: scopes.join(', ') };
        process.stderr.write(`${t('cli.tokens.created', created)}\n`);
      });
    });
}

function registerKeys(program: Command): void {
  const keys = program.command('keys').description(t('cli.keys.description'));
  keys
    .command('list')
    .description(t('cli.keys.list'))
    .requiredOption('--org <slug>', t('cli.common.org'))
    .action(async (opts: { org: string }) => {
      await withOrganisation(opts.org, async (rt, org) => {
        const { listIssuerKeys } = await import('../../signing/issuerKeys.ts');
        for (const k of await listIssuerKeys(rt.storage.db, org.id)) {
          const key = k.public_key_multibase ?? 'RSA (JWK)';
          const created = t('cli.keys.created', { at: k.created_at.toISOString() });
          say(`${k.public_id}  ${k.algorithm.padEnd(7)}  ${k.status.padEnd(7)}  ${key}  ${created}`);
        }
      });
    });
  keys
    .command('rotate')
    .description(t('cli.keys.rotate'))
    .requiredOption('--org <slug>', t('cli.common.org'))
    .option('--algorithm <name>', t('cli.keys.algorithm'), 'Ed25519')
    .action(async (opts: { org: string; algorithm: string }) => {
      const algorithm =
        opts.algorithm.toLowerCase() === 'rsa'
          ? 'RSA'
          : opts.algorithm.toLowerCase() === 'ed25519'
            ? 'Ed25519'
            : fail(t('cli.keys.algorithmInvalid'));
      await withOrganisation(opts.org, async (rt, org) => {
        const { rotateIssuerKey } = await import('../../signing/issuerKeys.ts');
        const key = await rotateIssuerKey(
          rt.storage.db,
          org.id,
          rt.credentials.vault,
          rt.clock.now(),
          algorithm,
        );
        say(t('cli.keys.rotated', { algorithm, id: key.public_id, organisation: org.name }));
      });
    });
  keys
    .command('revoke')
    .description(t('cli.keys.revoke'))
    .requiredOption('--org <slug>', t('cli.common.org'))
    .requiredOption('--key <id>', t('cli.keys.key'))
    .requiredOption('--reason <text>', t('cli.keys.reason'))
    .action(async (opts: { org: string; key: string; reason: string }) => {
      await withOrganisation(opts.org, async (rt, org) => {
        const { revokeIssuerKey } = await import('../../signing/issuerKeys.ts');
        if (!(await revokeIssuerKey(rt.storage.db, org.id, opts.key, opts.reason, rt.clock.now())))
          fail(t('cli.keys.noKey', { key: opts.key, organisation: org.slug }));
        say(t('cli.keys.revoked', { key: opts.key, command: `cairn keys rotate --org ${org.slug}` }));
      });
    });
}

/** `cairn tokens` and `cairn keys`: an organisation's API tokens and signing keys. */
export function organisationCommands(program: Command): void {
  registerTokens(program);
  registerKeys(program);
}

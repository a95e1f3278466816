import { Command } from 'commander';
import { openRuntime } from '../runtime.ts';
import { changePublicUrl, publicUrlProblem } from '../publicUrl.ts';
import { getInstanceSetting } from '../../storage/instanceSettings.ts';
import { organisationDid } from '../../credentials/issuerIdentity.ts';

import { configOrExit, fail } from './support.ts';

function registerPublicUrl(program: Command): void {
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
}

/** `cairn public-url show|set`: the address credentials are issued under. */
export function publicUrlCommands(program: Command): void {
  registerPublicUrl(program);
}

import { Command } from 'commander';
import { configOrExit, fail, openApp, say } from './support.ts';
import { cliWords } from './language.ts';

const { t } = cliWords;

function registerPublicUrl(program: Command): void {
  const publicUrl = program.command('public-url').description(t('cli.publicUrl.description'));
  publicUrl
    .command('show')
    .description(t('cli.publicUrl.show'))
    .action(async () => {
      const rt = await openApp(configOrExit(), {}, { checkPublicUrl: false });
      const { getInstanceSetting } = await import('../../storage/instanceSettings.ts');
      const stored = await getInstanceSetting(rt.storage.db, 'public_url');
      await rt.storage.close();
      say(stored || t('cli.publicUrl.none'));
    });
  publicUrl
    .command('set <url>')
    .description(t('cli.publicUrl.set'))
    .action(async (url: string) => {
      const { changePublicUrl, publicUrlProblem } = await import('../publicUrl.ts');
      const problem = publicUrlProblem(url);
      if (problem) fail(problem);
      const rt = await openApp(configOrExit(), {}, { checkPublicUrl: false });
      const { organisationDid } = await import('../../credentials/issuerIdentity.ts');
      try {
        const r = await changePublicUrl(rt.storage.db, rt.credentials, rt.config, url, rt.clock.now());
        const local = new URL(r.publicUrl);
        const start =
          ['localhost', '127.0.0.1'].includes(local.hostname) && local.port
            ? t('cli.publicUrl.startLocal', { url: r.publicUrl, port: local.port })
            : `PUBLIC_URL=${r.publicUrl}`;
        const did = organisationDid(r.publicUrl, t('cli.publicUrl.organisation'));
        say(
          r.previous && r.previous !== r.publicUrl
            ? t('cli.publicUrl.changed', { previous: r.previous, url: r.publicUrl })
            : t('cli.publicUrl.unchanged', { url: r.publicUrl }),
        );
        say(t('cli.publicUrl.resigned', { count: r.lists, did }));
        say(t('cli.publicUrl.restart', { start }));
      } finally {
        await rt.storage.close();
      }
    });
}

/** `cairn public-url show|set`: the address credentials are issued under. */
export function publicUrlCommands(program: Command): void {
  registerPublicUrl(program);
}

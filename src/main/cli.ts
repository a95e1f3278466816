import { Command } from 'commander';

// Commands are declared here with their words only: each loads the app (./runtime.ts, ./demo.ts
// and every feature) when its action runs, so help and refusals answer at once.
import { configOrExit, fail, openApp, say } from './cli/support.ts';
import { cliWords } from './cli/language.ts';
import { localiseCommander, settingsHelp } from './cli/help.ts';
import { publicUrlCommands } from './cli/publicUrlCommands.ts';
import { organisationCommands } from './cli/organisationCommands.ts';
import { credentialCommands } from './cli/credentialCommands.ts';
import { dataCommands } from './cli/dataCommands.ts';

const { t, number } = cliWords;

const program = localiseCommander(new Command().name('cairn'))
  .description(t('cli.program.description'))
  .addHelpText('after', settingsHelp())
  .showHelpAfterError();

program
  .command('serve')
  .description(t('cli.serve.description'))
  .action(async () => {
    const config = configOrExit();
    if (!config.runJobs && !config.databaseUrl) fail(t('cli.serve.needsDatabase'));
    const started = Date.now();
    const rt = await openApp(config);
    const { startWeb, stopOnSignals } = await import('./runtime.ts');
    const { demoLogins, demoToken, isEmpty, seedDemo } = await import('./demo.ts');
    let seeded = false;
    if (config.demo && (await isEmpty(rt.storage.db))) {
      await seedDemo(rt.storage.db, rt.clock.now(), rt.config, rt.credentials);
      seeded = true;
    }
    const web = await startWeb(rt).catch(fail);
    stopOnSignals(rt, [web.stop]);
    const location = rt.storage.location;
    const where =
      rt.storage.kind === 'pglite'
        ? t('cli.serve.embedded', { location })
        : t('cli.serve.postgres', { location });
    const jobs = web.worker ? t('cli.serve.jobsHere') : t('cli.serve.jobsElsewhere');
    const seconds = number((Date.now() - started) / 1000, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    say(`\n${t('cli.serve.running', { url: web.url, where, jobs, seconds })}`);
    if (config.demo) {
      say(`${seeded ? `${t('cli.demo.seeded')} ` : ''}${demoLogins(web.url, cliWords)}`);
      const token = await demoToken(rt.storage.db, rt.clock.now(), rt.config.dataDir);
      if (token) say(token.howTo(web.url, cliWords));
    }
    say(`${t('cli.serve.stop')}\n`);
  });

program
  .command('worker')
  .description(t('cli.worker.description'))
  .option('--once', t('cli.worker.once'))
  .action(async (opts: { once?: boolean }) => {
    const config = configOrExit();
    if (!config.databaseUrl) fail(t('cli.worker.needsDatabase'));
    const rt = await openApp(config);
    const { startWorker, stopOnSignals } = await import('./runtime.ts');
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
  .description(t('cli.migrate.description'))
  .action(async () => {
    const config = configOrExit();
    const rt = await openApp(config, {}, { checkPublicUrl: false });
    say(t('cli.migrate.done', { kind: rt.storage.kind }));
    await rt.storage.close();
  });

program
  .command('demo')
  .description(t('cli.demo.description'))
  .action(async () => {
    const config = configOrExit();
    const rt = await openApp(config);
    const { demoLogins, isEmpty, seedDemo } = await import('./demo.ts');
    if (await isEmpty(rt.storage.db)) {
      await seedDemo(rt.storage.db, rt.clock.now(), rt.config, rt.credentials);
      say(t('cli.demo.seeded'));
    } else {
      say(t('cli.demo.notSeeded'));
    }
    say(demoLogins(config.publicUrl, cliWords));
    await rt.storage.close();
  });

publicUrlCommands(program);
organisationCommands(program);
credentialCommands(program);
dataCommands(program);

await program.parseAsync(process.argv);

import { Command } from 'commander';
import { settings } from '../config.ts';
import { openRuntime, startWeb, startWorker, stopOnSignals } from './runtime.ts';
import { demoLogins, demoToken, isEmpty, seedDemo } from './demo.ts';

import { configOrExit, fail } from './cli/support.ts';
import { publicUrlCommands } from './cli/publicUrlCommands.ts';
import { organisationCommands } from './cli/organisationCommands.ts';
import { credentialCommands } from './cli/credentialCommands.ts';
import { dataCommands } from './cli/dataCommands.ts';

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
      await seedDemo(rt.storage.db, rt.clock.now(), rt.config, rt.credentials);
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
      await seedDemo(rt.storage.db, rt.clock.now(), rt.config, rt.credentials);
      process.stdout.write('Seeded the demo.\n');
    } else {
      process.stdout.write('The database already has accounts; nothing seeded.\n');
    }
    process.stdout.write(`${demoLogins(config.publicUrl)}\n`);
    await rt.storage.close();
  });

publicUrlCommands(program);
organisationCommands(program);
credentialCommands(program);
dataCommands(program);

await program.parseAsync(process.argv);

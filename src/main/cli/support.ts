import { ConfigError, loadConfig, type Config } from '../../config.ts';
import { findOrganisationBySlug } from '../../storage/organisations.ts';
import { AppError } from '../../domain/errors.ts';
import { translateMessage } from '../../web/i18n/commandMessages.ts';
// The app (every feature) loads only when a command opens it: help and refusals answer without it.
import type { openRuntime, Runtime } from '../runtime.ts';
import { cliWords } from './language.ts';

const { t } = cliWords;

/** Writes a line for people to stdout. */
export const say = (text: string): void => void process.stdout.write(`${text}\n`);

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      const problems = err.problems.map((p) => `  - ${translateMessage(cliWords, p)}`).join('\n');
      process.stderr.write(`${t('cli.common.configInvalid')}\n${problems}\n${t('cli.common.seeHelp')}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/**
 * What went wrong, in the command's language: a command's catalogue message is said again in it
 * (with the per-field messages after it); any other text stays as it is.
 */
export function describeError(err: unknown): string {
  if (err instanceof AppError) {
    // A field's message already said in the summary (a CSV file's line error) is not said twice.
    const fields = Object.values(err.fields).filter((f) => !err.message.includes(f));
    return [err.message, ...fields]
      .map((m) => translateMessage(cliWords, m))
      .join(' ')
      .trim();
  }
  return translateMessage(cliWords, err instanceof Error ? err.message : String(err));
}

export function fail(err: unknown): never {
  process.stderr.write(`cairn: ${describeError(err)}\n`);
  process.exit(1);
}

/**
 * Opens the app (storage, credentials, every feature) for a command that needs it, loading it
 * first; a failure to open it ends the command with its reason.
 */
export async function openApp(...args: Parameters<typeof openRuntime>): Promise<Runtime> {
  const runtime = await import('../runtime.ts');
  return runtime.openRuntime(...args).catch(fail);
}

/** Runs work against the database and closes it, with the organisation named by --org. */
export async function withOrganisation(
  slug: string,
  work: (rt: Runtime, org: { id: number; slug: string; name: string }) => Promise<void>,
): Promise<void> {
  const rt = await openApp(configOrExit());
  try {
    const org = await findOrganisationBySlug(rt.storage.db, slug);
    if (!org) fail(t('cli.common.noOrganisation', { slug }));
    await work(rt, org);
  } finally {
    await rt.storage.close();
  }
}

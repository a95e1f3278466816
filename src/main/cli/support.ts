import { ConfigError, loadConfig, type Config } from '../../config.ts';
import { openRuntime } from '../runtime.ts';
import { findOrganisationBySlug } from '../../storage/organisations.ts';
import type { Runtime } from '../runtime.ts';

export function configOrExit(): Config {
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

export function fail(err: unknown): never {
  process.stderr.write(`cairn: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

/** Runs work against the database and closes it, with the organisation named by --org. */
export async function withOrganisation(
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

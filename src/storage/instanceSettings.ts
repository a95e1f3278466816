import type { Queryable } from './database.ts';

/** Names of the settings every process on one database must agree on. */
export type InstanceSettingName = 'public_url';

/** A public URL as stored and compared: scheme, lower-case host, port unless the default, path without trailing slash. */
export function normalizePublicUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** A setting, or null when none is stored yet. */
export async function getInstanceSetting(db: Queryable, name: InstanceSettingName): Promise<string | null> {
  const row = await db
    .selectFrom('instance_settings')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.value ?? null;
}

/**
 * Stores a setting unless one is stored already, and returns the stored value: the first of
 * several processes starting at once wins, and every one of them sees the same answer.
 */
export async function claimInstanceSetting(
  db: Queryable,
  name: InstanceSettingName,
  value: string,
  now: Date,
): Promise<string> {
  await db
    .insertInto('instance_settings')
    .values({ name, value, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await getInstanceSetting(db, name)) ?? value;
}

/** Sets a setting, replacing any stored value; returns the previous one. */
export async function setInstanceSetting(
  db: Queryable,
  name: InstanceSettingName,
  value: string,
  now: Date,
): Promise<string | null> {
  const previous = await db
    .selectFrom('instance_settings')
    .select('value')
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst();
  await db
    .insertInto('instance_settings')
    .values({ name, value, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
  return previous?.value ?? null;
}

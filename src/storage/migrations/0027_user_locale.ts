import { sql, type Kysely } from 'kysely';

/**
 * A person's language (issue 14): `users.locale` is the language they chose on their profile or
 * with the language switcher while logged in. Null means "not chosen": the request's cookie, then
 * the browser's Accept-Language decide. Only languages Cairn speaks are accepted (keep the list in
 * step with LOCALES in src/web/i18n/i18n.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column locale text
    constraint users_locale_known check (locale in ('en', 'es'))`.execute(db);
}

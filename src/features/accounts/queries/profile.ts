import { isLocale, type Locale } from '../../../web/i18n/i18n.ts';
import type { Queryable } from '../../../storage/database.ts';
import { emailsOf, findUser } from '../../../storage/users.ts';
import { listUserAudit } from '../../../storage/audit.ts';

/** Every read the profile page makes (the loader turns them into a view model). */
export async function profileFacts(db: Queryable, userId: number) {
  const [user, emails, activity] = await Promise.all([
    findUser(db, userId),
    emailsOf(db, userId),
    listUserAudit(db, userId, 10),
  ]);
  return { user, emails, activity };
}

/** Saves (or clears, with null) the language a person chose. */
export async function setUserLocale(db: Queryable, userId: number, locale: string | null, now: Date) {
  await db.updateTable('users').set({ locale, updated_at: now }).where('id', '=', userId).execute();
}

/** The language a person chose, if Cairn speaks it (for what is written to them, e.g. their mail). */
export async function recipientLocale(db: Queryable, userId: number): Promise<Locale | null> {
  const row = await db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
  return isLocale(row?.locale) ? row.locale : null;
}

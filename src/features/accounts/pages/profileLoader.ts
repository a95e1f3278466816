import type { Queryable } from '../../../storage/database.ts';
import { isLocale, type Locale } from '../../../web/i18n/i18n.ts';
import { pathwayProgress } from '../../catalog/index.ts';
import { profileFacts } from '../queries/profile.ts';

/** What the profile page shows: the person's name, language, addresses, pathways and recent activity. */
export interface ProfileModel {
  name: string;
  /** The language they chose; null: the browser's. */
  locale: Locale | null;
  emails: Array<{ id: number; email: string; primary: boolean; confirmed: boolean }>;
  pathways: Array<{ name: string; organisation: string; done: number; needed: number; complete: boolean }>;
  activity: Array<{ at: Date; action: string; ip: string | null }>;
}

export async function loadProfile(db: Queryable, userId: number): Promise<ProfileModel> {
  const { user, emails, activity } = await profileFacts(db, userId);
  const pathways = await pathwayProgress(
    db,
    emails.filter((e) => e.confirmed_at).map((e) => e.email),
  );
  return {
    name: user?.name ?? '',
    locale: isLocale(user?.locale) ? user.locale : null,
    emails: emails.map((e) => ({
      id: e.id,
      email: e.email,
      primary: e.is_primary,
      confirmed: e.confirmed_at !== null,
    })),
    pathways: pathways.map((p) => ({
      name: p.pathway.name,
      organisation: p.pathway.organisation,
      done: p.progress.done,
      needed: p.progress.needed,
      complete: p.progress.satisfied,
    })),
    activity: activity.map((a) => ({ at: a.created_at, action: a.action, ip: a.ip })),
  };
}

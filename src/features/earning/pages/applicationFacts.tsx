import { DAY } from '../../../domain/clock.ts';
import type { Queryable } from '../../../storage/database.ts';
import { issuedCredential } from '../queries/applications.ts';
import { earningPaths } from '../paths.ts';
import { useT } from '../../../web/i18n/context.ts';

/**
 * What the top of an earner's application page shows, for both ways of earning (reviewed
 * evidence and proof of completion): whether the earner can still change it, the whole days
 * left to the deadline, and the badge issued for it, if any.
 */
export async function applicationFacts(
  db: Queryable,
  app: { status: string; deadline_at: Date; credential_id: number | null },
  now: Date,
) {
  const editable = ['in_progress', 'needs_revision'].includes(app.status);
  const daysLeft = Math.max(0, Math.ceil((app.deadline_at.getTime() - now.getTime()) / DAY));
  const credential = app.credential_id ? await issuedCredential(db, app.credential_id) : undefined;
  return { editable, daysLeft, credential };
}

/** The way back to the earner's applications and the page's heading. */
export function ApplicationHeading({ title }: { title: string }) {
  const { t } = useT();
  return (
    <>
      <p class="muted">
        <a href={earningPaths.applications()}>{t('earning.applications.title')}</a>
      </p>
      <h1>{title}</h1>
    </>
  );
}

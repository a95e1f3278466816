import { ActionButton, CsrfField, ErrorSummary, SelectField, type FormState } from '../../web/forms.tsx';
import { useT } from '../../web/i18n/context.ts';
import {
  DELIVERIES,
  EMAILED_BY_THEIR_FLOW,
  NOTIFICATION_KIND_LIST,
  type Delivery,
  type NotificationKind,
} from './kinds.ts';
import { presentNotification } from './present.ts';

// The inbox pages' views: pure JSX of what the routes (pages.tsx) read, in the reader's words.

export interface InboxModel {
  unread: number;
  unreadOnly: boolean;
  /** Showing an older page (the list may be empty because nothing older is left). */
  paged: boolean;
  notifications: Array<{
    publicId: string;
    kind: string;
    data: Record<string, unknown>;
    read: boolean;
    at: Date;
  }>;
  olderHref: string | null;
  /** Where "mark read" comes back to (this page). */
  back: string;
}

function NotificationItem({
  n,
  back,
  csrf,
}: {
  n: InboxModel['notifications'][number];
  back: string;
  csrf: string;
}) {
  const { t, date } = useT();
  const p = presentNotification(n.kind, n.data, t);
  return (
    <li class={n.read ? 'read' : 'unread'}>
      <p>
        {!n.read && <strong>{t('notifications.inbox.new')} </strong>}
        <a href={`/inbox/${n.publicId}/open`}>{p.title}</a>{' '}
        <span class="muted">{date(n.at, { withTime: true })}</span>
      </p>
      <p>{p.body}</p>
      {!n.read && (
        <ActionButton
          action={`/inbox/${n.publicId}/read`}
          csrfToken={csrf}
          label={t('notifications.inbox.markRead')}
          variant="secondary"
          hidden={{ back }}
        />
      )}
    </li>
  );
}

/** `/inbox`: what is unread, the two views, and the notifications, newest first. */
export function InboxView({ model, csrf }: { model: InboxModel; csrf: string }) {
  const { t } = useT();
  return (
    <>
      <h1>{t('notifications.inbox.title')}</h1>
      <p>
        {t('notifications.inbox.unread', { count: model.unread })}{' '}
        <a href="/inbox/settings">{t('notifications.inbox.settingsLink')}</a>
      </p>
      <nav aria-label={t('notifications.inbox.views')}>
        <a href="/inbox" aria-current={model.unreadOnly ? undefined : 'page'}>
          {t('notifications.inbox.all')}
        </a>{' '}
        ·{' '}
        <a href="/inbox?show=unread" aria-current={model.unreadOnly ? 'page' : undefined}>
          {t('notifications.inbox.unreadOnly')}
        </a>
      </nav>
      {model.unread > 0 && (
        <ActionButton
          action="/inbox/read-all"
          csrfToken={csrf}
          label={t('notifications.inbox.markAllRead')}
          variant="secondary"
        />
      )}
      {model.notifications.length === 0 ? (
        <p>{model.paged ? t('notifications.inbox.noOlder') : t('notifications.inbox.none')}</p>
      ) : (
        <ul class="notifications">
          {model.notifications.map((n) => (
            <NotificationItem n={n} back={model.back} csrf={csrf} />
          ))}
        </ul>
      )}
      {model.olderHref && (
        <p>
          <a href={model.olderHref}>{t('notifications.inbox.older')}</a>
        </p>
      )}
    </>
  );
}

/** `/inbox/settings`: for each kind, in the inbox only, by email at once, or in the daily digest. */
export function SettingsView({
  chosen,
  form,
  csrf,
}: {
  chosen: Partial<Record<NotificationKind, Delivery>>;
  form: FormState;
  csrf: string;
}) {
  const { t } = useT();
  const options = DELIVERIES.map((d): [string, string] => [d, t(`notifications.settings.deliveries.${d}`)]);
  return (
    <>
      <h1>{t('notifications.settings.title')}</h1>
      <p>
        {t('notifications.settings.intro')} <a href="/inbox">{t('notifications.settings.inboxLink')}</a>
      </p>
      <ErrorSummary form={form} />
      <form method="post" action="/inbox/settings">
        <CsrfField token={csrf} />
        {NOTIFICATION_KIND_LIST.map((k) => (
          <SelectField
            form={form}
            name={k}
            label={t('notifications.settings.kindLabel', {
              label: t(`notifications.kinds.${k}.label`),
              audience: t(`notifications.kinds.${k}.audience`),
            })}
            options={options}
            value={chosen[k]}
            hint={EMAILED_BY_THEIR_FLOW.includes(k) ? t('notifications.settings.emailedByFlow') : undefined}
          />
        ))}
        <button type="submit">{t('notifications.settings.save')}</button>
      </form>
    </>
  );
}

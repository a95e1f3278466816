import { APPLICATION_STATUSES } from '../applicationStatuses.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { earningPaths } from '../paths.ts';

/** The team pages' views: pure JSX of their models (pages.tsx loads them and renders). */

export interface TeamsModel {
  teams: Array<{ name: string; href: string; members: number }>;
  choices: Array<{ publicId: string; title: string; organisation: string }>;
  /** The micro-credentials ticked (as posted, or from ?mc= when coming from the catalog). */
  chosen: string[];
}

/** A member's progress on one micro-credential: an application status, or not started. */
export const TEAM_STATUSES = ['not_started', ...APPLICATION_STATUSES] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];

export interface TeamModel {
  publicId: string;
  name: string;
  microCredentials: string[];
  members: Array<{
    name: string;
    progress: Array<{ microCredential: string; status: TeamStatus; attempts: number }>;
  }>;
  invited: Array<{ email: string; until: Date }>;
  inviteAction: string;
  /** How long an invitation's link works. */
  invitationDays: number;
}

export interface JoinModel {
  teamName: string;
  /** Who invited (null when their account is gone). */
  inviterName: string | null;
  email: string;
  action: string;
}

export function TeamsView({
  model,
  form,
  csrfToken,
}: {
  model: TeamsModel;
  form: FormState;
  csrfToken: string;
}) {
  const { t, number } = useT();
  return (
    <>
      <h1>{t('earning.teams.title')}</h1>
      <p>{t('earning.teams.intro')}</p>
      {model.teams.length === 0 ? (
        <p>{t('earning.teams.none')}</p>
      ) : (
        <table>
          <TableHead columns={[t('earning.teams.columns.team'), t('earning.teams.columns.members')]} />
          <tbody>
            {model.teams.map((team) => (
              <tr>
                <td>
                  <a href={team.href}>{team.name}</a>
                </td>
                <td>{number(team.members)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section class="card">
        <h2>{t('earning.teams.start')}</h2>
        <ErrorSummary form={form} />
        <form method="post" action={earningPaths.teams()} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <Field
            form={form}
            name="name"
            label={t('earning.teams.name')}
            hint={t('earning.teams.nameHint')}
            required
          />
          <MicroCredentialChoices model={model} form={form} />
          <button type="submit">{t('earning.teams.startButton')}</button>
        </form>
      </section>
    </>
  );
}

/** The micro-credentials a new team may work on, as checkboxes with their error. */
function MicroCredentialChoices({ model, form }: { model: TeamsModel; form: FormState }) {
  const { t } = useT();
  const mcError = form.errors.microCredentials;
  return (
    <fieldset
      id="f-microCredentials"
      class="checks"
      aria-describedby={mcError ? 'f-microCredentials-error' : undefined}
    >
      <legend>{t('earning.teams.microCredentials')}</legend>
      {mcError && (
        <span id="f-microCredentials-error" class="error-text">
          {mcError}
        </span>
      )}
      {model.choices.map((m) => (
        <label for={`f-mc-${m.publicId}`}>
          <input
            id={`f-mc-${m.publicId}`}
            type="checkbox"
            name="microCredentials"
            value={m.publicId}
            checked={model.chosen.includes(m.publicId)}
          />{' '}
          {m.title} ({m.organisation})
        </label>
      ))}
    </fieldset>
  );
}

/** A member's progress in the reader's words: the status, and how many submissions when more than one. */
function progressWords(t: Translator['t'], p: { status: TeamStatus; attempts: number }): string {
  const status = t(`earning.teams.status.${p.status}`);
  return p.attempts > 1 ? t('earning.teams.withSubmissions', { status, count: p.attempts }) : status;
}

export function TeamView({
  model,
  form,
  csrfToken,
}: {
  model: TeamModel;
  form: FormState;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <>
      <p class="muted">
        <a href={earningPaths.teams()}>{t('earning.teams.title')}</a>
      </p>
      <h1>{model.name}</h1>
      <section class="card">
        <h2>{t('earning.teams.progress')}</h2>
        <table>
          <TableHead columns={[t('earning.teams.member'), ...model.microCredentials]} />
          <tbody>
            {model.members.map((m) => (
              <tr>
                <th scope="row">{m.name}</th>
                {m.progress.map((p) => (
                  <td>{progressWords(t, p)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <InviteSection model={model} form={form} csrfToken={csrfToken} />
    </>
  );
}

/** Inviting a colleague by email, and the invitations not accepted yet. */
function InviteSection({ model, form, csrfToken }: { model: TeamModel; form: FormState; csrfToken: string }) {
  const { t, date } = useT();
  return (
    <section class="card">
      <h2>{t('earning.teams.invite')}</h2>
      <ErrorSummary form={form} />
      <form method="post" action={model.inviteAction} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <Field
          form={form}
          name="email"
          type="email"
          label={t('earning.teams.email')}
          hint={t('earning.teams.emailHint', { count: model.invitationDays })}
          autocomplete="email"
          required
        />
        <button type="submit">{t('earning.teams.send')}</button>
      </form>
      {model.invited.length > 0 && (
        <>
          <h3>{t('earning.teams.invited')}</h3>
          <ul>
            {model.invited.map((i) => (
              <li>{t('earning.teams.invitedUntil', { email: i.email, date: date(i.until) })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function JoinView({ model, csrfToken }: { model: JoinModel; csrfToken: string }) {
  const { t } = useT();
  const inviter = model.inviterName ?? t('earning.teams.join.colleague');
  return (
    <section class="card">
      <h1>{t('earning.teams.join.heading', { team: model.teamName })}</h1>
      <p>{t('earning.teams.join.lead', { inviter, email: model.email })}</p>
      <ActionButton action={model.action} csrfToken={csrfToken} label={t('earning.teams.join.button')} />
    </section>
  );
}

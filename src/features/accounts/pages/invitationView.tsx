import { ActionButton } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { roleName } from '../messages.ts';
import { ACCOUNT_PATHS, logInPath } from '../paths.ts';

/** What the invitation page shows. */
export interface InvitationModel {
  organisation: string;
  email: string;
  roles: string[];
  /** The invitation's own address (the page posts to it to accept). */
  here: string;
  loggedIn: boolean;
}

/** The invitation: who invites, as what, and how to accept (accept now, or log in first). */
export function InvitationView({ model, csrf }: { model: InvitationModel; csrf: string }) {
  const i18n = useT();
  const { t } = i18n;
  return (
    <section class="card">
      <h1>{t('accounts.invitation.join', { organisation: model.organisation })}</h1>
      <p>
        {t('accounts.invitation.invitedAs', {
          roles: model.roles.map((r) => roleName(i18n, r)).join(', '),
          email: model.email,
        })}
      </p>
      {model.loggedIn ? (
        <ActionButton
          action={model.here}
          csrfToken={csrf}
          label={t('accounts.invitation.accept', { organisation: model.organisation })}
        />
      ) : (
        <>
          <p>
            <a class="button" href={logInPath(model.here)}>
              {t('accounts.invitation.logInToAccept')}
            </a>
          </p>
          <p>{t('accounts.invitation.orSignUp', { email: model.email })}</p>
          <p>
            <a href={ACCOUNT_PATHS.signUp}>{t('accounts.invitation.signUp')}</a>
          </p>
        </>
      )}
    </section>
  );
}

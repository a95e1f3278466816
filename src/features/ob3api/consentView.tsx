import { CsrfField } from '../../web/forms.tsx';
import { useT } from '../../web/i18n/context.ts';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { SCOPES, type Ob3Scope } from './scopes.ts';

/** What the consent page shows: who asks, for what, and where its answers go. */
export interface ConsentModel {
  /** The application's name (or its client id when it gave none). */
  name: string;
  viewerName: string;
  clientUri: string | null;
  scopes: Ob3Scope[];
  redirectUri: string | null;
  policyUri: string | null;
  tosUri: string | null;
  /** Where the answer is posted. */
  action: string;
}

/** Each scope's words on the consent page (the discovery document keeps its English, SCOPE_WORDS). */
const SCOPE_KEYS: Record<Ob3Scope, MessageKey> = {
  [SCOPES.credentialRead]: 'backpack.consent.scopes.credentialRead',
  [SCOPES.credentialUpsert]: 'backpack.consent.scopes.credentialUpsert',
  [SCOPES.profileRead]: 'backpack.consent.scopes.profileRead',
  [SCOPES.profileUpdate]: 'backpack.consent.scopes.profileUpdate',
};

function Policies({ model }: { model: ConsentModel }) {
  const { t } = useT();
  return (
    <>
      {model.policyUri && (
        <>
          {' '}
          <a href={model.policyUri} rel="noopener noreferrer">
            {t('backpack.consent.privacy')}
          </a>
        </>
      )}
      {model.tosUri && (
        <>
          {' · '}
          <a href={model.tosUri} rel="noopener noreferrer">
            {t('backpack.consent.terms')}
          </a>
        </>
      )}
    </>
  );
}

/** The authorization server's consent page: may this application use the person's backpack? */
export function ConsentView({ model, csrf }: { model: ConsentModel; csrf: string }) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-consent">
      <h1 id="h-consent">{t('backpack.consent.heading', { name: model.name })}</h1>
      <p>
        {t('backpack.consent.loggedInAs')} <strong>{model.viewerName}</strong>.{' '}
        {model.clientUri ? (
          <a href={model.clientUri} rel="noopener noreferrer">
            {model.clientUri}
          </a>
        ) : null}{' '}
        {t('backpack.consent.asks')}
      </p>
      <ul>
        {model.scopes.map((s) => (
          <li>{t(SCOPE_KEYS[s])}</li>
        ))}
      </ul>
      {model.scopes.length === 0 && <p class="muted">{t('backpack.consent.asksFor')}</p>}
      <p class="muted">
        {model.redirectUri
          ? t('backpack.consent.answersTo', { address: model.redirectUri })
          : t('backpack.consent.answersToRegistered')}
        <Policies model={model} />
      </p>
      <form method="post" action={model.action} class="inline">
        <CsrfField token={csrf} />
        <button type="submit" name="decision" value="allow">
          {t('backpack.consent.allow')}
        </button>{' '}
        <button type="submit" name="decision" value="deny" class="secondary">
          {t('backpack.consent.deny')}
        </button>
      </form>
    </section>
  );
}

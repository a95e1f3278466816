import { useT } from '../../web/i18n/context.ts';
import type { HomeRole, HomeSection, HomeViewModel } from './loader.ts';

function Section({ section }: { section: HomeSection }) {
  const { t } = useT();
  const id = `home-${section.id}`;
  return (
    <section class="card" aria-labelledby={id}>
      <h3 id={id}>{section.heading}</h3>
      {section.items.length === 0 ? (
        <p>
          {section.empty.text} {section.empty.href && <a href={section.empty.href}>{section.empty.label}</a>}
        </p>
      ) : (
        <ul>
          {section.items.map((i) => (
            <li>
              {i.urgent && <strong>{t('home.now')} </strong>}
              {i.href ? <a href={i.href}>{i.label}</a> : i.label} <span class="muted">{i.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {section.more && section.items.length > 0 && (
        <p>
          <a href={section.more.href}>{section.more.label}</a>
        </p>
      )}
    </section>
  );
}

function Role({ role }: { role: HomeRole }) {
  return (
    <section aria-label={role.heading}>
      <h2>{role.heading}</h2>
      {role.sections.map((s) => (
        <Section section={s} />
      ))}
    </section>
  );
}

/** The logged-in home: what to do now, role by role. Renders the view model only. */
export function HomeView({ model }: { model: HomeViewModel }) {
  const { t } = useT();
  return (
    <>
      <h1>{t('home.greeting', { name: model.name })}</h1>
      {model.roles.map((r) => (
        <Role role={r} />
      ))}
      <p class="muted">
        {model.createOrganisation.text}{' '}
        <a href={model.createOrganisation.href}>{t('home.createOrganisation')}</a>
      </p>
    </>
  );
}

/** The start page for visitors. */
export function WelcomeView() {
  const { t } = useT();
  return (
    <>
      <h1>{t('home.visitor.heading')}</h1>
      <section class="card">
        <p>{t('home.visitor.intro')}</p>
        <p>
          <a class="button" href="/signup">
            {t('home.visitor.signUp')}
          </a>{' '}
          <a href="/login">{t('home.visitor.logIn')}</a>
        </p>
      </section>
    </>
  );
}

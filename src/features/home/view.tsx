import { BarChart } from '../../web/components/Chart.tsx';
import { ProgressBar, StepDots } from '../../web/components/Progress.tsx';
import { useT } from '../../web/i18n/context.ts';
import { ACCOUNT_PATHS } from '../accounts/index.ts';
import type { HomeItem, HomeRole, HomeSection, HomeViewModel } from './model.ts';

/** An item's progress as a picture: a bar of hours toward renewal, or a pathway's steps as dots. */
function ItemProgress({ progress }: { progress: NonNullable<HomeItem['progress']> }) {
  if (progress.kind === 'steps') return <StepDots done={progress.value} total={progress.target} />;
  return <ProgressBar value={progress.value} target={progress.target} />;
}

/** A section's rates (pass rates) as a bar chart, the numbers also in a table. */
function SectionRates({ id, rates }: { id: string; rates: NonNullable<HomeSection['rates']> }) {
  const i18n = useT();
  const t = i18n.t;
  if (!rates.length) return null;
  return (
    <BarChart
      id={`${id}-chart`}
      title={t('pictures.home.passRates')}
      valueLabel={t('pictures.analytics.passRate')}
      categoryLabel={t('pictures.analytics.microCredential')}
      points={rates}
      max={1}
      format={(n) => i18n.number(n, { style: 'percent', maximumFractionDigits: 0 })}
    />
  );
}

function Section({ section }: { section: HomeSection }) {
  const { t } = useT();
  const id = `home-${section.id}`;
  return (
    <section class="card" aria-labelledby={id}>
      <h3 id={id}>{section.heading}</h3>
      {section.rates && <SectionRates id={id} rates={section.rates} />}
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
              {i.progress && <ItemProgress progress={i.progress} />}
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
          <a class="button" href={ACCOUNT_PATHS.signUp}>
            {t('home.visitor.signUp')}
          </a>{' '}
          <a href={ACCOUNT_PATHS.logIn}>{t('home.visitor.logIn')}</a>
        </p>
      </section>
    </>
  );
}

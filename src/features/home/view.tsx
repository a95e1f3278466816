import type { HomeRole, HomeSection, HomeViewModel } from './loader.ts';

function Section({ section }: { section: HomeSection }) {
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
              {i.urgent && <strong>Now: </strong>}
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
  return (
    <>
      <h1>Welcome, {model.name}</h1>
      {model.roles.map((r) => (
        <Role role={r} />
      ))}
      <p class="muted">
        {model.createOrganisation.text} <a href={model.createOrganisation.href}>Create an organisation</a>
      </p>
    </>
  );
}

/** The start page for visitors. */
export function WelcomeView() {
  return (
    <>
      <h1>Micro-credentials people can trust</h1>
      <section class="card">
        <p>
          Cairn runs micro-credential programs from end to end: professionals apply and show evidence of one
          competency, trained peers review it against a rubric, issuers award signed Open Badges 3.0
          credentials anyone can verify, and licensing boards and certification councils approve programs and
          count the badges toward renewal.
        </p>
        <p>
          <a class="button" href="/signup">
            Create an account
          </a>{' '}
          or <a href="/login">log in</a>.
        </p>
      </section>
    </>
  );
}

import type { Design } from '../microCredential.ts';
import { EARNING_MODE_LABELS } from '../microCredential.ts';
import { formatMoney } from '../../../domain/money.ts';

const hours = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n} h`);

/** The rubric as a table: a row per criterion, a column per level, the passing level marked. */
function RubricTable({ rubric }: { rubric: NonNullable<Design['rubric']> }) {
  return (
    <section class="card">
      <h2>Rubric</h2>
      <table class="stacking">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            {rubric.levels.map((l) => (
              <th scope="col">{l.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rubric.criteria.map((cr) => (
            <tr>
              <th scope="row">{cr.name}</th>
              {rubric.levels.map((l) => (
                <td data-label={l.name}>
                  {cr.descriptors[l.id]}
                  {cr.passingLevel === l.id && <span class="tag">passing level</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        {rubric.passRule.type === 'all'
          ? 'Every criterion must reach its passing level.'
          : `At least ${rubric.passRule.count} criteria must reach their passing level.`}
      </p>
    </section>
  );
}

/** Everything an earner reads about a micro-credential version: the catalog page and the designer's preview. */
export function MicroCredentialBody({ d, version }: { d: Design; version: number }) {
  return (
    <>
      <section class="card">
        <p>
          <strong>{d.competency}</strong>
        </p>
        <p>{d.description}</p>
        <dl>
          <dt>How it is earned</dt>
          <dd>{EARNING_MODE_LABELS[d.earningMode]}</dd>
          <dt>Typical effort</dt>
          <dd>{hours(d.effortHours)}</dd>
          <dt>Credit hours</dt>
          <dd>{d.creditHours ?? 0}</dd>
          <dt>Time to submit after applying</dt>
          <dd>{d.applicationWindowMonths} months</dd>
          <dt>Valid for</dt>
          <dd>{d.validityMonths ? `${d.validityMonths} months` : 'No expiry'}</dd>
          {d.applicationFeeCents !== undefined && (
            <>
              <dt>Fee</dt>
              <dd>{formatMoney(d.applicationFeeCents, d.applicationFeeCurrency)}</dd>
            </>
          )}
          <dt>Version</dt>
          <dd>{version}</dd>
        </dl>
      </section>
      {d.keyMethod && (
        <section class="card">
          <h2>Key method</h2>
          <p>{d.keyMethod}</p>
        </section>
      )}
      <section class="card">
        <h2>Criteria</h2>
        <p>{d.criteria}</p>
      </section>
      {d.evidenceParts.length > 0 && (
        <section class="card">
          <h2>Evidence to submit</h2>
          <ol>
            {d.evidenceParts.map((p) => (
              <li>
                {p.prompt} <span class="tag">{p.kind}</span>
                {p.required ? '' : <span class="tag">optional</span>}
                {p.maxWords ? <span class="muted"> (up to {p.maxWords} words)</span> : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
      {d.rubric && <RubricTable rubric={d.rubric} />}
      {d.alignments.length > 0 && (
        <section class="card">
          <h2>Aligned to</h2>
          <ul>
            {d.alignments.map((a) => (
              <li>
                <a href={a.url}>{a.name}</a> {a.code && <span class="tag">{a.code}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../../web/i18n/i18n.ts';
import type { AuditViewRow } from '../queries.ts';
import { AuditLogView, type AuditLogModel } from './auditView.tsx';

// The audit log page in words from the catalogue, in every language.

const row = (over: Partial<AuditViewRow>): AuditViewRow =>
  ({
    id: 1,
    organisation_id: 1,
    actor_user_id: 1,
    actor_name: 'Olive Owner',
    actor_email: 'olive@example.org',
    action: 'micro_credential.published',
    subject_type: 'micro_credential',
    subject_id: 'mc_1',
    data: {},
    ip: '198.51.100.9',
    created_at: new Date('2026-03-04T10:05:00Z'),
    ...over,
  }) as AuditViewRow;

const model: AuditLogModel = {
  organisation: { name: 'Union Academy', slug: 'union' },
  actions: ['micro_credential.published', 'user.signed_up', 'something.new'],
  form: { values: {}, errors: {} },
  events: [
    row({}),
    row({
      id: 2,
      actor_name: null,
      actor_email: null,
      action: 'user.signed_up',
      subject_type: 'user',
      ip: null,
    }),
    row({ id: 3, action: 'something.new', subject_type: 'thing_kind' }),
  ],
  filters: new URLSearchParams(),
  paged: true,
  older: new URLSearchParams('before=3'),
};
// Names, addresses and codes the log holds are data; an action or kind the catalogue does not
// know yet is shown by its code.
const DATA = ['Olive Owner', 'olive@example.org', 'mc_1', '198.51.100.9', 'something.new', 'thing_kind'];

describe('the audit log page', () => {
  test('shows no text outside the catalogue (filters, events, paging, a failed filter)', () => {
    for (const locale of LOCALES) {
      assert.deepEqual(textsOutsideCatalogue(renderPseudo(<AuditLogView model={model} />, locale), DATA), []);
      const failed = { ...model, events: undefined, form: { values: { from: 'x' }, errors: {} } };
      assert.deepEqual(
        textsOutsideCatalogue(renderPseudo(<AuditLogView model={failed} />, locale), DATA),
        [],
      );
    }
  });

  test('every action the code records has words in the catalogue', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : /\.tsx?$/.test(e.name) && !/\.test\./.test(e.name)
            ? [join(dir, e.name)]
            : [],
      );
    const recorded = new Set(
      files('src').flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!),
      ),
    );
    assert.ok(recorded.size > 50, 'the scan finds the recorded actions');
    const actions: Record<string, Record<string, string>> = CATALOGUES.en.audit.actions;
    const missing = [...recorded].filter((a) => {
      const [noun = '', verb = ''] = a.split('.');
      return !actions[noun]?.[verb];
    });
    assert.deepEqual(missing, []);
  });

  test('speaks Spanish: actions, kinds, columns and dates', () => {
    const es = CATALOGUES.es.audit;
    const html = renderIn('es', <AuditLogView model={model} />);
    for (const text of [
      es.heading,
      es.actions.micro_credential.published,
      es.actions.user.signed_up,
      es.subjects.micro_credential,
      es.columns.when,
      es.system,
    ])
      assert.ok(html.includes(text), text);
    assert.match(html, /4 mar 2026/);
    assert.ok(!html.includes('Micro-credential published'));
  });
});

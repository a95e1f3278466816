import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { LOCALES } from '../../../web/i18n/i18n.ts';
import { formOfButton, linkHref, tableAfter } from '../../../testing/pageQueries.ts';
import { adminPaths } from '../paths.ts';
import { MailboxView, MailMessageView, type MailboxModel } from './devMailbox.tsx';
import { JobsView, type JobsModel } from './jobQueue.tsx';

// The administration pages (the job queue, the developer mailbox) in words from the catalogue.

const at = new Date('2026-03-04T10:05:00Z');
const job = (id: number, status: 'dead' | 'succeeded'): JobsModel['jobs'][number] => ({
  id,
  type: 'mail.deliver',
  status,
  attempts: status === 'dead' ? 5 : 1,
  max_attempts: 5,
  run_at: at,
  last_error: status === 'dead' ? 'Connection refused' : null,
  updated_at: at,
});
const jobs: JobsModel = {
  counts: { queued: 2, dead: 1 },
  jobs: [job(7, 'dead'), job(6, 'succeeded')],
  status: null,
  csrfToken: 'c',
};
const message = {
  id: 1,
  public_id: 'mail_1',
  organisation_id: null,
  template: 'welcome',
  to_address: 'ada@example.org',
  subject: 'Confirm your email',
  text_body: 'Open https://cairn.test/confirm-email/abc to confirm.',
  html_body: '<p>x</p>',
  status: 'kept',
  created_at: at,
} as unknown as MailboxModel['messages'][number];
const mailbox: MailboxModel = { to: 'ada@example.org', messages: [message] };

const DATA = ['mail.deliver', 'Connection refused', 'ada@example.org', 'Confirm your email'];
const views = () => [
  <JobsView {...jobs} />,
  <JobsView {...jobs} status="dead" jobs={[]} />,
  <MailboxView {...mailbox} />,
  <MailboxView to={undefined} messages={[]} />,
  <MailMessageView message={message} />,
];

describe('administration pages', () => {
  test('show no text outside the catalogue (job queue, mailbox, one message)', () => {
    for (const locale of LOCALES)
      for (const view of views())
        assert.deepEqual(textsOutsideCatalogue(renderPseudo(view, locale), DATA), [], locale);
  });

  test('link with typed paths, and speak Spanish', () => {
    const html = renderIn('en', <JobsView {...jobs} />);
    assert.equal(formOfButton(html, 'Retry')?.action, adminPaths.retryJob(7));
    assert.equal(linkHref(html, 'Show dead only'), adminPaths.jobs());
    assert.deepEqual(
      tableAfter(html, 'Background jobs').map((row) => row.slice(0, 4)),
      [
        ['7', 'mail.deliver', 'dead', '5/5'],
        ['6', 'mail.deliver', 'succeeded', '1/5'],
      ],
    );
    const mail = renderIn('en', <MailboxView {...mailbox} />);
    assert.equal(linkHref(mail, 'Confirm your email'), adminPaths.mailMessage('mail_1'));
    const es = views()
      .map((v) => renderIn('es', v))
      .join('');
    for (const text of [
      'Tareas en segundo plano',
      'Reintentar',
      'Buzón de desarrollo',
      'Versión HTML',
      'guardado',
    ])
      assert.ok(es.includes(text), text);
    assert.ok(!es.includes('Show dead only') && !es.includes('Only mail to'));
  });
});

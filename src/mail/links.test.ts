import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedMail } from './templates.tsx';
import * as templates from './templates.tsx';
import * as claimMail from '../features/issuing/mail.tsx';
import * as ledgerMail from '../features/credit/mail.tsx';
import * as paymentTemplates from '../features/payments/mail.tsx';
import * as recognitionMail from '../features/recognition/mail.tsx';
import { anchors, rawDocumentLink } from '../testing/links.ts';

// Every link a person receives must open a page: never the JSON API (/api/…) and never a raw
// .json/.jwt document (a download link marked `download` is the only exception, and mail has none).

const L = 'http://cairn.test/somewhere';
// One sample per template; a template missing here fails the test below (add it when you add one).
const samples: Record<string, () => RenderedMail> = {
  confirmEmailMail: () => templates.confirmEmailMail({ name: 'Ada', link: L, newAddress: false }),
  resetPasswordMail: () => templates.resetPasswordMail({ name: 'Ada', link: L }),
  passwordChangedMail: () => templates.passwordChangedMail({ name: 'Ada', resetLink: L }),
  invitationMail: () =>
    templates.invitationMail({
      organisationName: 'Org',
      inviterName: 'Bo',
      roles: ['designer'],
      link: L,
      expiresInDays: 7,
    }),
  claimOfferMail: () =>
    claimMail.claimOfferMail({ name: null, badgeName: 'B', issuerName: 'I', link: L, expiresInDays: 30 }),
  claimReminderMail: () =>
    claimMail.claimReminderMail({ name: 'Ada', badgeName: 'B', issuerName: 'I', link: L, expiresInDays: 3 }),
  noticeDigestMail: () =>
    ledgerMail.noticeDigestMail({
      organisationName: 'Board',
      programName: 'P',
      lines: [{ earner: 'Ada', achievement: 'A', issuer: 'I', licensed: true }],
      link: L,
    }),
  licenseDecisionMail: () =>
    ledgerMail.licenseDecisionMail({
      name: 'Ada',
      recognizerName: 'Board',
      programName: 'P',
      licenseNumber: 'X-1',
      confirmed: true,
      reason: '',
      link: L,
    }),
  invoiceMail: () =>
    paymentTemplates.invoiceMail({
      name: 'Ada',
      title: 'T',
      invoiceNumber: 'INV-1',
      amountMinor: 1000,
      currency: 'USD',
      instructions: 'Pay',
      link: L,
    }),
  receiptMail: () =>
    paymentTemplates.receiptMail({
      name: 'Ada',
      title: 'T',
      invoiceNumber: 'INV-1',
      amountMinor: 1000,
      currency: 'USD',
      reference: 'R',
      paidOn: new Date('2026-01-01T00:00:00Z'),
      link: L,
    }),
  proofApprovedMail: () => paymentTemplates.proofApprovedMail({ name: 'Ada', title: 'T', link: L }),
  proofRejectedMail: () =>
    paymentTemplates.proofRejectedMail({
      name: 'Ada',
      title: 'T',
      reasons: 'R',
      fee: { kind: 'none' },
      link: L,
    }),
  refundMail: () =>
    paymentTemplates.refundMail({
      name: 'Ada',
      title: 'T',
      invoiceNumber: 'INV-1',
      amountMinor: 1000,
      currency: 'USD',
      reference: 'R',
      link: L,
    }),
  submissionMail: () =>
    recognitionMail.submissionMail({
      event: 'approved',
      subjectTitle: 'S',
      programName: 'P',
      issuerName: 'I',
      recognizerName: 'R',
      actorName: 'A',
      message: 'M',
      link: L,
    }),
};

/** Every .ts/.tsx file under a folder, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('links in mail open pages', () => {
  test('every mail template renders, and none links into the API or to a raw document', () => {
    const exported = [templates, claimMail, ledgerMail, paymentTemplates, recognitionMail].flatMap((m) =>
      Object.entries(m)
        .filter(([name, value]) => typeof value === 'function' && name.endsWith('Mail'))
        .map(([name]) => name),
    );
    assert.deepEqual(
      exported.filter((name) => !samples[name]),
      [],
      'every template has a sample here',
    );
    for (const [name, render] of Object.entries(samples)) {
      const mail = render();
      const links = anchors(mail.html);
      assert.ok(links.length > 0, `${name} has a link`);
      for (const link of links) assert.equal(rawDocumentLink(link), null, name);
      for (const url of mail.text.match(/https?:\/\/\S+/g) ?? [])
        assert.equal(rawDocumentLink({ href: url, download: false }), null, name);
    }
  });

  test('no link built for mail or a notice points into the API', () => {
    // Links in mail are built with appLink(config, path) wherever the mail is composed.
    const offenders = sources('src').flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/appLink\(\s*[\w.]+\s*,\s*[`'"](\/api\/[^`'"]*)/g)].map(
        (m) => `${file}: ${m[1]}`,
      );
    });
    assert.deepEqual(offenders, []);
  });

  test('the href finder sees what it must', () => {
    assert.deepEqual(
      anchors(
        '<a class="x" href="/api/v1/x">a</a><a href="/b.json" download="b.json">b</a><a name="n">c</a>',
      ),
      [
        { href: '/api/v1/x', download: false },
        { href: '/b.json', download: true },
      ],
    );
    assert.match(rawDocumentLink({ href: '/api/v1/applications/app_1', download: false }) ?? '', /JSON API/);
    assert.match(
      rawDocumentLink({ href: '/badges/c/credential.json', download: false }) ?? '',
      /raw document/,
    );
    assert.equal(rawDocumentLink({ href: '/badges/c/credential.json', download: true }), null);
    assert.equal(rawDocumentLink({ href: 'https://elsewhere.example/api/x', download: false }), null);
  });
});

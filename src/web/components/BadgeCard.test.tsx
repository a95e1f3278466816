import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadgeCard, BadgeCards } from './BadgeCard.tsx';
import { renderIn } from './testRender.tsx';

const badge = {
  href: '/badges/cred_1',
  title: 'Safe Lifting',
  issuer: 'Union Academy',
  imageUrl: '/badges/cred_1/baked.png',
  status: 'active' as const,
  issuedOn: new Date('2026-03-04T00:00:00Z'),
};

test('BadgeCard: image, title as the link, issuer, date and status, in the reader’s language', () => {
  const en = renderIn('en', <BadgeCard badge={badge} />);
  assert.match(en, /<img src="\/badges\/cred_1\/baked.png" alt=""/);
  assert.match(en, /<h3><a href="\/badges\/cred_1">Safe Lifting<\/a><\/h3>/);
  assert.match(en, /Issued by Union Academy/);
  assert.match(en, /<time datetime="2026-03-04T00:00:00.000Z">Mar 4, 2026<\/time>/);
  assert.match(en, /data-status="active">Active</);
  const es = renderIn('es', <BadgeCards badges={[{ ...badge, imageUrl: null, status: 'revoked' }]} />);
  assert.match(es, /<ul class="badge-cards"><li><article class="badge-card">/);
  assert.match(es, /Emitida por Union Academy/);
  assert.match(es, />Revocada</);
  assert.doesNotMatch(es, /<img/);
});

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
  assert.match(
    en,
    /<img class="badge-image" src="\/badges\/cred_1\/baked.png" alt=""/,
    'the title is beside it',
  );
  assert.match(en, /<h3><a href="\/badges\/cred_1">Safe Lifting<\/a><\/h3>/);
  assert.match(en, /Issued by Union Academy/);
  assert.match(en, /<time datetime="2026-03-04T00:00:00.000Z">Mar 4, 2026<\/time>/);
  assert.match(en, /data-status="active">Active</);
  const es = renderIn('es', <BadgeCards badges={[{ ...badge, imageUrl: null, status: 'revoked' }]} />);
  assert.match(es, /<ul class="badge-cards"><li><article class="badge-card">/);
  assert.match(es, /Emitida por Union Academy/);
  assert.match(es, />Revocada</);
  assert.doesNotMatch(es, /<img/);
  assert.match(
    es,
    /<svg class="issuer-mark [^"]+"[^>]*aria-hidden="true"[^>]*>.*>UA<\/text>/,
    'a monogram instead',
  );
});

test('BadgeCard: an unlinked title, no issuer, a described image, its own chip, lines and actions', () => {
  const html = renderIn(
    'en',
    <BadgeCard
      id="badge-x"
      badge={{ href: null, title: 'Imported', issuer: null, imageUrl: '/i.png', imageAlt: 'A gold star' }}
      chip={<span class="chip ok">Valid</span>}
      actions={<button type="submit">Remove</button>}
    >
      <p>Imported from elsewhere</p>
    </BadgeCard>,
  );
  assert.match(html, /<article class="badge-card" id="badge-x">/);
  assert.match(html, /alt="A gold star"/);
  assert.match(html, /<h3>Imported<\/h3>/);
  assert.doesNotMatch(html, /Issued by/);
  assert.match(html, /<span class="chip ok">Valid<\/span><p>Imported from elsewhere<\/p>/);
  assert.match(html, /<div class="badge-card-actions"><button type="submit">Remove<\/button><\/div>/);
});

test('BadgeCard: a title in another language than the page’s is marked with its language', () => {
  const english = { ...badge, titleLang: 'en' };
  assert.match(renderIn('es', <BadgeCard badge={english} />), /<h3 lang="en"><a href="\/badges\/cred_1">/);
  assert.match(renderIn('en', <BadgeCard badge={english} />), /<h3><a /, 'no redundant lang');
  const spanish = { ...badge, title: 'Levantamiento seguro', titleLang: 'es' };
  assert.match(renderIn('en', <BadgeCard badge={spanish} />), /<h3 lang="es">/);
  assert.match(renderIn('es', <BadgeCard badge={spanish} />), /<h3><a /);
  assert.match(renderIn('es', <BadgeCard badge={badge} />), /<h3><a /, 'a language not known: unmarked');
});

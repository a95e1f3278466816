import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../src/main/demo.ts';

// Each role's main pages on the seeded demo, shared by the browser tests that walk them all
// (layout, accessibility and screenshots; wording through the message catalogue).

export const UNION = 'riverside-educators-union';
export const COUNCIL = 'allied-therapy-council';
export const BOARD = 'state-board-educator-licensing';

export interface Visit {
  /** The file-name part of its screenshots, e.g. `catalog`. */
  name: string;
  path: string;
}

/** The demo's pages whose address holds an id, found by following the links that lead to them. */
export interface Found {
  microCredential: string;
  application: string;
  badge: string;
  review: string;
}

/** A role: whom the demo logs in as (none for a visitor) and the pages that role lives on. */
export interface Role {
  role: string;
  email: string | null;
  pages: (found: Found) => Visit[];
}

export const ROLES: Role[] = [
  {
    role: 'visitor',
    email: null,
    pages: (f) => [
      { name: 'home', path: '/' },
      { name: 'catalog', path: '/catalog' },
      { name: 'micro-credential', path: f.microCredential },
      { name: 'badge', path: f.badge },
      { name: 'verify', path: '/verify' },
      { name: 'login', path: '/login' },
    ],
  },
  {
    role: 'earner',
    email: 'alex@teacher.example',
    pages: (f) => [
      { name: 'home', path: '/' },
      { name: 'catalog', path: '/catalog' },
      { name: 'micro-credential', path: f.microCredential },
      { name: 'applications', path: '/applications' },
      { name: 'application', path: f.application },
      { name: 'backpack', path: '/backpack' },
      { name: 'licenses', path: '/me/licenses' },
      { name: 'notifications', path: '/inbox' },
      { name: 'profile', path: '/profile' },
    ],
  },
  {
    role: 'reviewer',
    email: 'priya@union.example',
    pages: (f) => [
      { name: 'home', path: '/' },
      { name: 'reviews', path: '/reviews' },
      { name: 'review', path: f.review },
      { name: 'notifications', path: '/inbox' },
      { name: 'profile', path: '/profile' },
    ],
  },
  {
    role: 'issuing-staff',
    email: 'jordan@council.example',
    pages: () => [
      { name: 'home', path: '/' },
      { name: 'organisation', path: `/orgs/${COUNCIL}` },
      { name: 'proof-queue', path: `/orgs/${COUNCIL}/proof-queue` },
      { name: 'review-queue', path: `/orgs/${COUNCIL}/review-queue` },
      { name: 'credentials', path: `/orgs/${COUNCIL}/credentials` },
      { name: 'bulk-award', path: `/orgs/${COUNCIL}/awards` },
    ],
  },
  {
    role: 'recognition-officer',
    email: 'dana@board.example',
    pages: () => [
      { name: 'home', path: '/' },
      { name: 'recognition-queue', path: `/orgs/${BOARD}/recognition/queue` },
      { name: 'completion-notices', path: `/orgs/${BOARD}/recognition/notices` },
      { name: 'licenses', path: `/orgs/${BOARD}/recognition/licenses` },
      { name: 'credit-roster', path: `/orgs/${BOARD}/recognition/roster` },
    ],
  },
  {
    role: 'admin',
    email: 'admin@cairn.example',
    pages: () => [
      { name: 'home', path: '/' },
      { name: 'jobs', path: '/admin/jobs' },
      { name: 'notifications', path: '/inbox' },
      { name: 'profile', path: '/profile' },
    ],
  },
];

/** The first link on a page whose address starts with the prefix (and is not the prefix itself). */
export async function firstLink(page: Page, url: string, prefix: string): Promise<string> {
  await page.goto(url);
  const hrefs = await page
    .locator(`main a[href^="${prefix}"]`)
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => h.length > 0 && h !== prefix && !h.includes('?') && !h.includes('#'));
  if (!href) throw new Error(`No link to ${prefix}… on ${url}`);
  return href;
}

/** Logs in through the form in a fresh context, whose cookies then seed every theme and language. */
export async function logIn(browser: Browser, url: string, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return { context, page };
}

export async function findPages(browser: Browser, url: string): Promise<Found> {
  const alex = await logIn(browser, url, 'alex@teacher.example');
  const application = await firstLink(alex.page, `${url}/applications`, '/applications/');
  const badge = await firstLink(alex.page, `${url}/backpack`, '/badges/');
  const microCredential = await firstLink(alex.page, `${url}/catalog?q=routines`, `/catalog/${UNION}/`);
  await alex.context.close();
  const priya = await logIn(browser, url, 'priya@union.example');
  const review = await firstLink(priya.page, `${url}/reviews`, '/reviews/');
  await priya.context.close();
  return { microCredential, application, badge, review };
}

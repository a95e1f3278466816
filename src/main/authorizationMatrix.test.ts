import { createSubscription } from '../features/webhooks/createSubscription.ts';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { testBackends, unique } from '../testing/databases.ts';
import { testApp, testCredentialServices } from '../testing/http.ts';
import { authzWorld, ceSessionRequest, type AuthzWorld } from '../testing/authzFixtures.ts';
import { requestSession } from '../features/recognition/sessions/commands/requestSession.ts';
import { addMember, buildUser } from '../testing/factories.ts';
import { createSession } from '../storage/sessions.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { DAY } from '../domain/clock.ts';
import type { AppEnv } from '../http/env.ts';
import type { Storage } from '../storage/database.ts';
import type { ManualClock } from '../domain/clock.ts';
import type { Config } from '../config.ts';
import { createStack } from '../features/catalog/commands/createStack.ts';
import { createProgram } from '../features/recognition/commands/createProgram.ts';
import { publicId } from '../domain/ids.ts';

/*
 * The authorization matrix: every route of createApp × every kind of caller × own vs foreign
 * resource, with the expected answer written once per route in RULES below.
 *
 * Callers: each organisation role (a member of organisation A holding just that role), `earner`
 * (an account of A's earner, member of nothing), `outsider` (the owner of organisation B, asking
 * for A's things), `anonymous`, and for routes that take API tokens, A's token.
 * Resources: `own` fills path parameters from A's fixtures (A's organisation, A's earner's
 * application …); `foreign` from B's. Answers are classed as:
 *   allowed   — got past the gate: 2xx, a redirect that is not to /login, or a business refusal
 *               (400/409/410/422: the request was judged on its content, so the caller was let in)
 *   login     — 401 or a redirect to /login
 *   forbidden — 403
 *   not_found — 404 (tenancy: other organisations' and other people's things do not exist)
 * and a 5xx is always a failure.
 *
 * Adding a route: add one line to RULES with the key "METHOD /path" exactly as hono lists it, e.g.
 *   'GET /orgs/:slug/things': org(['admin']),          // owner is implied: owners may do everything
 *   'POST /things/:id/do': mine({ p: (w) => ({ id: w.thing }) }),
 * (org / pub / user / mine / nobody set the defaults; see Rule for the overrides).
 */

type Outcome = 'allowed' | 'login' | 'forbidden' | 'not_found';
type ActorName = Role | 'earner' | 'outsider' | 'anonymous' | 'token';
type Side = 'own' | 'foreign';
type Params = Record<string, string | number>;

interface Rule {
  /** Who gets in on their own organisation's (or own) things. Owners are added to any role list. */
  allow: ReadonlyArray<Role | 'earner' | 'outsider' | 'anonymous'>;
  /** A member of the organisation whose role does not allow it (default forbidden). */
  denied?: Outcome;
  /** A logged-in account that is not a member (earner, outsider) and not allowed (default not_found). */
  stranger?: Outcome;
  /** Not logged in and not allowed (default login). */
  anonymous?: Outcome;
  /** Everyone on the other organisation's / person's things: default not_found; 'same' = as own. */
  foreign?: Outcome | 'same';
  /** The route takes organisation API tokens (A's token on A's things: allowed; on B's: not_found). */
  tokens?: boolean;
  /** Path parameters (other than :slug) from a world; may create a fresh thing per request. */
  p?: (w: AuthzWorld, h: Helpers) => Params | Promise<Params>;
  /** Query parameters to send. */
  q?: (w: AuthzWorld) => Record<string, string>;
  /** Form fields or JSON body to send. */
  body?: (w: AuthzWorld) => Record<string, unknown>;
  /** Run on a fresh session per request (the route ends or changes the session). */
  freshSession?: boolean;
  /** Why the own-side resource could not be built: allowed callers then get not_found too. */
  missing?: string;
  /** Owners are not implied (the route is for one person: the assigned reviewer, the earner). */
  noOwner?: boolean;
}

interface Helpers {
  newMember(w: AuthzWorld, role: Role): Promise<string>;
  newStack(w: AuthzWorld): Promise<string>;
  newProgram(w: AuthzWorld): Promise<string>;
  /** A session of its own awaiting a decision (the organisation is provider and council). */
  newCeSession(w: AuthzWorld): Promise<string>;
  newWebhook(w: AuthzWorld): Promise<string>;
  /** A notification in the earner's inbox. */
  newNotification(w: AuthzWorld): Promise<string>;
}

const ALL: Role[] = [...ROLES];
const org = (allow: Role[], extra: Partial<Rule> = {}): Rule => ({ allow, ...extra });
const members = (extra: Partial<Rule> = {}): Rule => org(ALL, extra);
/** Anyone, logged in or not, own or foreign. */
const pub = (extra: Partial<Rule> = {}): Rule => ({
  allow: [...ALL, 'earner', 'outsider', 'anonymous'],
  foreign: 'same',
  ...extra,
});
/** Any logged-in account. */
const user = (extra: Partial<Rule> = {}): Rule => ({
  allow: [...ALL, 'earner', 'outsider'],
  foreign: 'same',
  ...extra,
});
/** The earner's own things: everybody else finds nothing. */
const mine = (extra: Partial<Rule> = {}): Rule => ({ allow: ['earner'], denied: 'not_found', ...extra });

/** Bearer tokens of the OAuth server only: every caller here is refused as unauthenticated. */
const bearerOnly = (): Rule => ({
  allow: [],
  denied: 'login',
  stranger: 'login',
  anonymous: 'login',
  foreign: 'same',
});

const id =
  (pick: (w: AuthzWorld) => string | number, name = 'id') =>
  (w: AuthzWorld) => ({ [name]: pick(w) });

const CONSENT =
  'an OAuth interaction lives in the cookie of the browser that started it, and is used up by its consent (tested end to end in features/ob3api)';

/** The expected answer for every route; a route without a line here fails the test. */
const RULES: Record<string, Rule> = {
  // Health, home, accounts (public pages and forms).
  'GET /healthz': pub(),
  'GET /livez': pub(),
  'GET /favicon.svg': pub(),
  'GET /favicon.ico': pub(),
  'GET /readyz': pub(),
  'GET /': pub(),
  'GET /signup': pub(),
  'POST /signup': pub(),
  'GET /check-email': pub(),
  'GET /confirm-email/:token': pub({ p: () => ({ token: 'not-a-token' }) }),
  'GET /resend-confirmation': pub(),
  'POST /resend-confirmation': pub(),
  'GET /login': pub(),
  'POST /login': pub(),
  // Logging out sends everyone to the login page.
  'POST /logout': { allow: [], denied: 'login', stranger: 'login', anonymous: 'login', freshSession: true },
  'GET /forgot-password': pub(),
  'POST /forgot-password': pub(),
  'GET /reset-password/:token': pub({ p: () => ({ token: 'not-a-token' }) }),
  'POST /reset-password/:token': pub({ p: () => ({ token: 'not-a-token' }) }),
  // The account's own profile.
  'GET /profile': user(),
  'POST /profile': user(),
  'POST /profile/emails': user(),
  'POST /profile/emails/:id/primary': mine({ p: id((w) => w.earnerEmailId) }),
  'POST /profile/emails/:id/remove': mine({ p: id((w) => w.earnerEmailId) }),
  'POST /profile/password': user(),
  'POST /profile/locale': user(),
  // Data rights: everything about me as a ZIP; deleting my account (password and typed words required).
  'GET /profile/my-data.zip': user(),
  'POST /profile/delete': user(),
  // Organisations.
  // Notifications: one's own inbox; nobody reaches another person's notification.
  'GET /inbox': user(),
  'GET /inbox/settings': user(),
  'POST /inbox/settings': user(),
  'POST /inbox/read-all': user(),
  'POST /inbox/:id/read': mine({ p: async (w, h) => ({ id: await h.newNotification(w) }), noOwner: true }),
  'GET /inbox/:id/open': mine({ p: async (w, h) => ({ id: await h.newNotification(w) }), noOwner: true }),
  'GET /orgs/new': user(),
  'POST /orgs/new': user(),
  'POST /switch-organisation': members({ stranger: 'not_found', body: (w) => ({ slug: w.org.slug }) }),
  'GET /orgs/:slug': members(),
  'GET /orgs/:slug/members': members(),
  'POST /orgs/:slug/export': org(['admin']),
  'POST /orgs/:slug/invitations': org(['admin']),
  'POST /orgs/:slug/invitations/:id/revoke': org(['admin'], { p: id((w) => w.invitation) }),
  'POST /orgs/:slug/members/:user/roles': org(['admin'], {
    p: async (w, h) => ({ user: await h.newMember(w, 'reviewer') }),
    body: () => ({ roles: ['reviewer', 'designer'] }),
  }),
  'POST /orgs/:slug/members/:user/remove': org(['admin'], {
    p: async (w, h) => ({ user: await h.newMember(w, 'reviewer') }),
  }),
  // Webhooks: owners and admins (the permission that guards API tokens); the API also takes tokens.
  'GET /orgs/:slug/webhooks': org(['admin']),
  'POST /orgs/:slug/webhooks': org(['admin']),
  'GET /orgs/:slug/webhooks/:id': org(['admin'], { p: id((w) => w.webhook) }),
  'POST /orgs/:slug/webhooks/:id/enable': org(['admin'], { p: id((w) => w.webhook) }),
  'POST /orgs/:slug/webhooks/:id/disable': org(['admin'], { p: id((w) => w.webhook) }),
  'POST /orgs/:slug/webhooks/:id/delete': org(['admin'], {
    p: async (w, h) => ({ id: await h.newWebhook(w) }),
  }),
  'POST /orgs/:slug/webhooks/:id/deliveries/:delivery/replay': org(['admin'], {
    p: (w) => ({ id: w.webhook, delivery: w.webhookDelivery }),
  }),
  'GET /api/v1/orgs/:slug/webhooks': org(['admin'], { tokens: true }),
  'POST /api/v1/orgs/:slug/webhooks': org(['admin'], { tokens: true }),
  'GET /api/v1/orgs/:slug/webhooks/:id': org(['admin'], { tokens: true, p: id((w) => w.webhook) }),
  'PATCH /api/v1/orgs/:slug/webhooks/:id': org(['admin'], {
    tokens: true,
    p: id((w) => w.webhook),
    body: () => ({ enabled: true }),
  }),
  'DELETE /api/v1/orgs/:slug/webhooks/:id': org(['admin'], {
    tokens: true,
    p: async (w, h) => ({ id: await h.newWebhook(w) }),
  }),
  'POST /api/v1/orgs/:slug/webhooks/:id/deliveries/:delivery/replay': org(['admin'], {
    tokens: true,
    p: (w) => ({ id: w.webhook, delivery: w.webhookDelivery }),
  }),
  // Open Badges 2.0 documents of every badge: public, except a private badge's (its earner only).
  'GET /ob2/issuers/:slug': pub({ p: (w) => ({ slug: w.org.slug }) }),
  'GET /ob2/assertions/:id': pub({ p: id((w) => w.credential) }),
  'GET /ob2/assertions/:id/baked.png': pub({ p: id((w) => w.credential) }),
  'GET /ob2/badges/:id': pub({ p: id((w) => w.credential) }),
  'GET /ob2/badges/:id/image.png': pub({ p: id((w) => w.credential) }),
  'GET /orgs/:slug/audit': org(['admin']),
  'GET /orgs/:slug/audit.csv': org(['admin']),
  'GET /api/v1/orgs/:slug/audit': org(['admin'], { tokens: true }),
  'GET /invitations/:token': pub({ p: id((w) => w.invitationToken, 'token') }),
  // An invitation is accepted only from an account with the invited address (none of these callers).
  'POST /invitations/:token': {
    allow: [],
    denied: 'forbidden',
    stranger: 'forbidden',
    foreign: 'same',
    p: id((w) => w.invitationToken, 'token'),
  },
  // Development mailbox (on only with CAIRN_MAILBOX, never in production) and platform admin.
  'GET /dev/mailbox': pub(),
  'GET /dev/mailbox/:id': pub({ p: id((w) => w.outboxMessage) }),
  'GET /dev/mailbox/:id/html': pub({ p: id((w) => w.outboxMessage) }),
  'GET /admin/jobs': org([], { stranger: 'forbidden' }),
  'POST /admin/jobs/:id/retry': org([], { stranger: 'forbidden', foreign: 'same', p: () => ({ id: '1' }) }),
  // JSON API: the account and its organisations.
  'GET /api/v1/me': user(),
  'GET /api/v1/orgs/:slug/members': members(),
  'GET /api/v1/orgs/:slug/invitations': org(['admin']),
  'POST /api/v1/orgs/:slug/invitations': org(['admin']),
  // VC API and public credential documents.
  // The VC API takes only API tokens (a session is not enough); the token names its organisation.
  'POST /credentials/issue': org([], {
    tokens: true,
    anonymous: 'login',
    stranger: 'login',
    denied: 'login',
    foreign: 'same',
  }),
  'POST /credentials/verify': pub(),
  // The API's description (OpenAPI document and its readable page).
  'GET /api/v1/openapi.json': pub(),
  'GET /api/docs': pub(),
  'POST /presentations/verify': pub(),
  'GET /orgs/:slug/did.json': pub(),
  'GET /status/:id': pub({ p: id((w) => w.statusList) }),
  'GET /orgs/:slug/tokens': org(['admin']),
  'POST /orgs/:slug/tokens': org(['admin']),
  'POST /orgs/:slug/tokens/:id/revoke': org(['admin'], { p: id((w) => w.tokenId) }),
  // Catalog and design.
  'GET /api/v1/catalog': pub(),
  'GET /api/v1/orgs/:slug/micro-credentials': members({ tokens: true }),
  'GET /api/v1/orgs/:slug/micro-credentials/:id/history': members({
    tokens: true,
    p: id((w) => w.mc.publicId),
  }),
  'POST /api/v1/orgs/:slug/micro-credentials': org(['designer', 'admin'], { tokens: true }),
  'PUT /api/v1/orgs/:slug/micro-credentials/:id/draft': org(['designer', 'admin'], {
    tokens: true,
    p: id((w) => w.mc.publicId),
  }),
  'POST /api/v1/orgs/:slug/micro-credentials/:id/publish': org(['designer', 'admin'], {
    tokens: true,
    p: id((w) => w.mc.publicId),
  }),
  'POST /api/v1/orgs/:slug/micro-credentials/:id/revise': org(['designer', 'admin'], {
    tokens: true,
    p: id((w) => w.mc.publicId),
  }),
  'PUT /api/v1/orgs/:slug/micro-credentials/:id/reviewers': org(['designer', 'admin'], {
    tokens: true,
    p: id((w) => w.mc.publicId),
  }),
  'POST /api/v1/orgs/:slug/micro-credentials/:id/retire': org(['designer', 'admin'], {
    tokens: true,
    p: id((w) => w.mc.publicId),
  }),
  'POST /api/v1/orgs/:slug/micro-credentials/import': org(['designer', 'admin'], { tokens: true }),
  'POST /api/v1/orgs/:slug/pathways': org(['designer', 'admin'], { tokens: true }),
  'GET /api/v1/me/pathways': user(),
  'POST /api/v1/orgs/:slug/stacks': org(['designer', 'admin'], { tokens: true }),
  'PUT /api/v1/orgs/:slug/stacks/:id': org(['designer', 'admin'], {
    tokens: true,
    p: id((w) => w.stack.publicId),
  }),
  'GET /catalog': pub(),
  'GET /catalog/stacks/:org/:stack/achievements.json': pub({
    p: (w) => ({ org: w.org.slug, stack: w.stack.slug }),
  }),
  'GET /catalog/:org/:mc': pub({ p: (w) => ({ org: w.org.slug, mc: w.mc.slug }) }),
  'GET /catalog/:org/:mc/v/:version': pub({ p: (w) => ({ org: w.org.slug, mc: w.mc.slug, version: 1 }) }),
  'GET /catalog/:org/:mc/v/:version/achievement.json': pub({
    p: (w) => ({ org: w.org.slug, mc: w.mc.slug, version: 1 }),
  }),
  'GET /orgs/:slug/micro-credentials': org(['designer', 'admin']),
  'GET /orgs/:slug/micro-credentials/new': org(['designer', 'admin']),
  'POST /orgs/:slug/micro-credentials/new': org(['designer', 'admin']),
  'GET /orgs/:slug/micro-credentials/:id': org(['designer', 'admin'], { p: id((w) => w.mc.publicId) }),
  'POST /orgs/:slug/micro-credentials/:id/image': org(['designer', 'admin'], { p: id((w) => w.mc.publicId) }),
  'GET /orgs/:slug/micro-credentials/:id/edit': org(['designer', 'admin'], { p: id((w) => w.mc.publicId) }),
  'POST /orgs/:slug/micro-credentials/:id/edit': org(['designer', 'admin'], { p: id((w) => w.mc.publicId) }),
  'POST /orgs/:slug/micro-credentials/:id/publish': org(['designer', 'admin'], {
    p: id((w) => w.mc.publicId),
  }),
  'POST /orgs/:slug/micro-credentials/:id/revise': org(['designer', 'admin'], {
    p: id((w) => w.mc.publicId),
  }),
  'POST /orgs/:slug/micro-credentials/:id/retire': org(['designer', 'admin'], {
    p: id((w) => w.mc.publicId),
  }),
  'GET /orgs/:slug/stacks': org(['designer', 'admin']),
  'POST /orgs/:slug/stacks/:id/delete': org(['designer', 'admin'], {
    p: async (w, h) => ({ id: await h.newStack(w) }),
  }),
  'POST /orgs/:slug/stacks': org(['designer', 'admin']),
  'GET /images/:file': pub({ p: (w) => ({ file: `${w.badgeImage}.png` }) }),
  // Earning (the earner's side).
  'POST /api/v1/micro-credentials/:id/apply': user({ p: id((w) => w.mc.publicId) }),
  'GET /api/v1/applications': user(),
  'GET /api/v1/applications/:id': mine({ p: id((w) => w.application) }),
  'PUT /api/v1/applications/:id/evidence/:part': mine({
    p: (w) => ({ id: w.application, part: 0 }),
    body: () => ({ value: 'x' }),
  }),
  'POST /api/v1/applications/:id/withdraw': mine({ p: id((w) => w.application) }),
  'POST /api/v1/applications/:id/submit': mine({ p: id((w) => w.application) }),
  'GET /api/v1/reviews': user(),
  'GET /api/v1/reviews/:id': org(['reviewer'], {
    denied: 'not_found',
    p: id((w) => w.attempt),
    noOwner: true,
  }),
  'POST /api/v1/reviews/:id': org(['reviewer'], {
    denied: 'not_found',
    p: id((w) => w.attempt),
    noOwner: true,
  }),
  // The earner, and the issuing organisation's staff.
  'GET /api/v1/credentials/:id': org(['admin', 'issuing_staff'], {
    allow: ['admin', 'issuing_staff', 'earner'],
    p: id((w) => w.credential),
  }),
  'POST /api/v1/teams': user(),
  'POST /api/v1/teams/:id/invitations': mine({ p: id((w) => w.team) }),
  // A team invitation is for the invited address only (none of these callers has it).
  'POST /api/v1/teams/join/:token': {
    allow: [],
    denied: 'forbidden',
    stranger: 'forbidden',
    foreign: 'same',
    p: id((w) => w.teamToken, 'token'),
  },
  'GET /api/v1/teams/:id': mine({ p: id((w) => w.team) }),
  'GET /api/v1/orgs/:slug/teams': org(['admin', 'issuing_staff'], { tokens: true }),
  'POST /api/v1/orgs/:slug/attempts/:attempt/second-review': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.reviewedAttempt, 'attempt'),
  }),
  // Only the reviewer asked for the second review sees it (owners included: it is blind scoring).
  'GET /api/v1/second-reviews/:id': org(['reviewer'], {
    denied: 'not_found',
    p: id((w) => w.secondReview),
    noOwner: true,
  }),
  'POST /api/v1/second-reviews/:id': org(['reviewer'], {
    denied: 'not_found',
    p: id((w) => w.secondReview),
    noOwner: true,
  }),
  'GET /api/v1/orgs/:slug/calibration': org(['admin', 'issuing_staff'], { tokens: true }),
  'POST /api/v1/orgs/:slug/micro-credentials/:id/outcomes': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.mc.publicId),
  }),
  'GET /orgs/:slug/micro-credentials/:id/outcomes': org(['admin', 'issuing_staff'], {
    p: id((w) => w.mc.publicId),
  }),
  'POST /orgs/:slug/micro-credentials/:id/outcomes': org(['admin', 'issuing_staff'], {
    p: id((w) => w.mc.publicId),
    body: () => ({ email: 'someone@example.org' }),
  }),
  'GET /orgs/:slug/pathways': org(['designer', 'admin']),
  'GET /orgs/:slug/pathways/new': org(['designer', 'admin']),
  'POST /orgs/:slug/pathways/new': org(['designer', 'admin'], {
    body: (w) => ({ name: `Pathway ${publicId('t')}`, step_0_kind: 'all', step_0_mc: w.mc.publicId }),
  }),
  'GET /orgs/:slug/pathways/:id/edit': org(['designer', 'admin'], { p: id((w) => w.pathway) }),
  'POST /orgs/:slug/pathways/:id/edit': org(['designer', 'admin'], {
    p: id((w) => w.pathway),
    body: (w) => ({ name: 'Renamed pathway', step_0_kind: 'all', step_0_mc: w.mc.publicId }),
  }),
  'GET /pathways/:id': pub({ p: id((w) => w.pathway) }),
  'GET /teams': user(),
  'POST /teams': user({ body: (w) => ({ name: 'Learning circle', microCredentials: w.mc.publicId }) }),
  'GET /teams/:id': mine({ p: id((w) => w.team) }),
  'POST /teams/:id/invitations': mine({
    p: id((w) => w.team),
    body: () => ({ email: 'colleague@example.org' }),
  }),
  // Anyone logged in may read an invitation's page; only the address it was sent to may use it.
  'GET /teams/join/:token': user({ p: id((w) => w.teamToken, 'token') }),
  'POST /teams/join/:token': {
    allow: [],
    denied: 'forbidden',
    stranger: 'forbidden',
    foreign: 'same',
    p: id((w) => w.teamToken, 'token'),
  },
  'GET /api/v1/orgs/:slug/applications/:id': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.application),
  }),
  // Proof and fees.
  'POST /applications/:id/certificate': mine({ p: id((w) => w.proofApplication) }),
  'POST /applications/:id/proof/submit': mine({ p: id((w) => w.proofApplication) }),
  // The invoice or receipt: its earner, and the issuer's staff.
  'GET /payments/:id/receipt': org(['admin', 'issuing_staff'], {
    allow: ['admin', 'issuing_staff', 'earner'],
    denied: 'not_found',
    p: id((w) => w.payment),
  }),
  'GET /orgs/:slug/proof-queue': org(['admin', 'issuing_staff']),
  // The fee is unpaid, so approving is refused (409) and nothing is issued; the empty forms of
  // reject, mark-paid and refund are refused (422) once access is granted.
  'POST /orgs/:slug/proof-queue/:app/approve': org(['admin', 'issuing_staff'], {
    p: id((w) => w.proofApplication, 'app'),
  }),
  'POST /orgs/:slug/proof-queue/:app/reject': org(['admin', 'issuing_staff'], {
    p: id((w) => w.proofApplication, 'app'),
  }),
  'POST /orgs/:slug/payments/:payment/mark-paid': org(['admin', 'issuing_staff'], {
    p: id((w) => w.payment, 'payment'),
  }),
  'POST /orgs/:slug/payments/:payment/refund': org(['admin', 'issuing_staff'], {
    p: id((w) => w.payment, 'payment'),
  }),
  'POST /api/v1/applications/:id/certificate': mine({ p: id((w) => w.proofApplication) }),
  'POST /api/v1/applications/:id/proof/submit': mine({ p: id((w) => w.proofApplication) }),
  'GET /api/v1/applications/:id/payment': mine({ p: id((w) => w.proofApplication) }),
  'GET /api/v1/orgs/:slug/proof-queue': org(['admin', 'issuing_staff'], { tokens: true }),
  'POST /api/v1/orgs/:slug/applications/:id/approve': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.proofApplication),
  }),
  'POST /api/v1/orgs/:slug/applications/:id/reject': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.proofApplication),
  }),
  'POST /api/v1/orgs/:slug/payments/:id/mark-paid': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.payment),
  }),
  'POST /api/v1/orgs/:slug/payments/:id/refund': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.payment),
  }),
  // Earning pages.
  'POST /catalog/:org/:mc/apply': user({ p: (w) => ({ org: w.org.slug, mc: w.mc.slug }) }),
  'GET /applications': user(),
  'GET /applications/:id': mine({ p: id((w) => w.application) }),
  'POST /applications/:id/evidence/:part': mine({ p: (w) => ({ id: w.application, part: 0 }) }),
  'POST /applications/:id/evidence/:part/file': mine({ p: (w) => ({ id: w.application, part: 0 }) }),
  'POST /applications/:id/submit': mine({ p: id((w) => w.application) }),
  'POST /applications/:id/evidence': mine({ p: id((w) => w.application) }),
  'POST /applications/:id/withdraw': mine({ p: id((w) => w.application) }),
  'GET /reviews': user(),
  'GET /reviews/:id': org(['reviewer'], { denied: 'not_found', p: id((w) => w.attempt), noOwner: true }),
  'POST /reviews/:id': org(['reviewer'], { denied: 'not_found', p: id((w) => w.attempt), noOwner: true }),
  'POST /reviews/:id/start': org(['reviewer'], {
    denied: 'not_found',
    p: id((w) => w.attempt),
    noOwner: true,
  }),
  // An evidence file: its earner, the reviewer assigned to the attempt, and the issuer's staff.
  'GET /evidence-files/:id': org(['admin', 'issuing_staff', 'reviewer'], {
    allow: ['admin', 'issuing_staff', 'reviewer', 'earner'],
    denied: 'not_found',
    p: id((w) => w.evidenceFile),
  }),
  'GET /orgs/:slug/review-queue': org(['admin', 'issuing_staff']),
  'POST /orgs/:slug/review-queue/:attempt/assign': org(['admin', 'issuing_staff'], {
    p: id((w) => w.attempt, 'attempt'),
  }),
  'GET /orgs/:slug/analytics': org(['admin', 'issuing_staff']),
  'GET /orgs/:slug/analytics.csv': org(['admin', 'issuing_staff']),
  // Issuing.
  'GET /orgs/:slug/credentials': org(['admin', 'issuing_staff']),
  'POST /orgs/:slug/credentials': org(['admin', 'issuing_staff']),
  'POST /orgs/:slug/credentials/status': org(['admin', 'issuing_staff']),
  'POST /orgs/:slug/credentials/:id/status': org(['admin', 'issuing_staff'], { p: id((w) => w.credential) }),
  'GET /assets/:file': pub({ p: () => ({ file: 'copy.js' }) }),
  'POST /preferences': pub(),
  'GET /assets/bulk-award.js': pub(),
  'GET /assets/evidence-autosave.js': pub(),
  'GET /assets/copy.js': pub(),
  'GET /assets/design-form.js': pub(),
  'GET /orgs/:slug/awards': org(['admin', 'issuing_staff']),
  'POST /orgs/:slug/awards': org(['admin', 'issuing_staff']),
  'GET /orgs/:slug/awards/:run': org(['admin', 'issuing_staff'], { p: id((w) => w.awardRun, 'run') }),
  'GET /orgs/:slug/awards/:run/progress': org(['admin', 'issuing_staff'], {
    p: id((w) => w.awardRun, 'run'),
  }),
  'POST /orgs/:slug/awards/:run/mapping': org(['admin', 'issuing_staff'], {
    p: id((w) => w.awardRun, 'run'),
  }),
  'POST /orgs/:slug/awards/:run/issue': org(['admin', 'issuing_staff'], { p: id((w) => w.awardRun, 'run') }),
  'POST /api/v1/orgs/:slug/award-runs': org(['admin', 'issuing_staff'], { tokens: true }),
  'GET /api/v1/orgs/:slug/award-runs/:run': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.awardRun, 'run'),
  }),
  'GET /api/v1/orgs/:slug/award-runs/:run/problems': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.awardRun, 'run'),
  }),
  'POST /api/v1/orgs/:slug/award-runs/:run/mapping': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.awardRun, 'run'),
  }),
  'POST /api/v1/orgs/:slug/award-runs/:run/issue': org(['admin', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.awardRun, 'run'),
  }),
  // Public badge pages.
  'GET /badges/:id': pub({ p: id((w) => w.credential) }),
  'GET /badges/:id/qr.svg': pub({ p: id((w) => w.credential) }),
  'GET /badges/:id/credential.json': pub({ p: id((w) => w.credential) }),
  'GET /badges/:id/credential.jwt': pub({ p: id((w) => w.credential) }),
  'GET /badges/:id/baked.png': pub({ p: id((w) => w.credential) }),
  'GET /badges/:id/baked.svg': pub({ p: id((w) => w.credential) }),
  'GET /oembed': pub({ q: (w) => ({ url: w.badgeUrl }) }),
  // Recognition (recognizer side: officers; issuer side: submitters).
  'GET /orgs/:slug/recognition/programs': org(['admin', 'recognition_officer']),
  'POST /orgs/:slug/recognition/programs': org(['admin', 'recognition_officer']),
  'GET /orgs/:slug/recognition/programs/:id': org(['admin', 'recognition_officer'], {
    p: id((w) => w.program),
  }),
  'POST /orgs/:slug/recognition/programs/:id': org(['admin', 'recognition_officer'], {
    p: id((w) => w.program),
  }),
  'POST /orgs/:slug/recognition/programs/:id/archive': org(['admin', 'recognition_officer'], {
    p: async (w, h) => ({ id: await h.newProgram(w) }),
  }),
  'GET /orgs/:slug/recognition/queue': org(['admin', 'recognition_officer']),
  'GET /orgs/:slug/recognition/submissions': org(['admin', 'designer', 'issuing_staff']),
  'GET /orgs/:slug/recognition/submit': org(['admin', 'designer', 'issuing_staff']),
  'POST /orgs/:slug/recognition/submit': org(['admin', 'designer', 'issuing_staff']),
  'GET /orgs/:slug/recognition/submissions/:id/resubmit': org(['admin', 'designer', 'issuing_staff'], {
    p: id((w) => w.submission),
  }),
  'GET /orgs/:slug/recognition/submissions/:id': org(['admin', 'designer', 'issuing_staff'], {
    p: id((w) => w.submission),
  }),
  'POST /orgs/:slug/recognition/submissions/:id/comment': org(['admin', 'designer', 'issuing_staff'], {
    p: id((w) => w.submission),
  }),
  'POST /orgs/:slug/recognition/submissions/:id/request-changes': org(['admin', 'recognition_officer'], {
    p: id((w) => w.incoming),
  }),
  'POST /orgs/:slug/recognition/submissions/:id/approve': org(['admin', 'recognition_officer'], {
    p: id((w) => w.incoming),
  }),
  'POST /orgs/:slug/recognition/submissions/:id/reject': org(['admin', 'recognition_officer'], {
    p: id((w) => w.incoming),
  }),
  'POST /orgs/:slug/recognition/submissions/:id/withdraw': org(['admin', 'designer', 'issuing_staff'], {
    p: id((w) => w.submission),
  }),
  'POST /orgs/:slug/recognition/submissions/:id/endorse': org(['admin', 'recognition_officer'], {
    p: id((w) => w.incoming),
  }),
  'GET /endorsements/:id': pub({ p: id((w) => w.endorsement) }),
  // Continuing-education sessions (program A): providers ask, councils decide.
  'GET /orgs/:slug/sessions': org(['admin', 'designer', 'issuing_staff']),
  'GET /orgs/:slug/sessions/new': org(['admin', 'designer', 'issuing_staff']),
  'POST /orgs/:slug/sessions/new': org(['admin', 'designer', 'issuing_staff']),
  'GET /orgs/:slug/sessions/queue': org(['admin', 'recognition_officer']),
  'GET /orgs/:slug/sessions/:id': org(['admin', 'designer', 'issuing_staff', 'recognition_officer'], {
    p: id((w) => w.ceSession),
  }),
  'POST /orgs/:slug/sessions/:id/approve': org(['admin', 'recognition_officer'], {
    p: async (w, h) => ({ id: await h.newCeSession(w) }),
  }),
  'POST /orgs/:slug/sessions/:id/decline': org(['admin', 'recognition_officer'], {
    p: async (w, h) => ({ id: await h.newCeSession(w) }),
  }),
  'POST /orgs/:slug/sessions/:id/withdraw': org(['admin', 'designer', 'issuing_staff'], {
    p: async (w, h) => ({ id: await h.newCeSession(w) }),
  }),
  'POST /orgs/:slug/sessions/:id/roster': org(['admin', 'designer', 'issuing_staff'], {
    p: id((w) => w.ceSession),
  }),
  'GET /api/v1/orgs/:slug/recognition/programs': org(['admin', 'recognition_officer'], { tokens: true }),
  'POST /api/v1/orgs/:slug/recognition/programs': org(['admin', 'recognition_officer'], { tokens: true }),
  'PUT /api/v1/orgs/:slug/recognition/programs/:id': org(['admin', 'recognition_officer'], {
    tokens: true,
    p: id((w) => w.program),
  }),
  // Every member sees the list (each side's own rows).
  'GET /api/v1/orgs/:slug/recognition/submissions': members({ tokens: true }),
  'POST /api/v1/orgs/:slug/recognition/submissions': org(['admin', 'designer', 'issuing_staff'], {
    tokens: true,
  }),
  'GET /api/v1/orgs/:slug/recognition/submissions/:id': org(['admin', 'designer', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.submission),
  }),
  // On the issuer side (this organisation's own submission) officers may not comment: submitters may.
  'POST /api/v1/orgs/:slug/recognition/submissions/:id/comment': org(['admin', 'designer', 'issuing_staff'], {
    tokens: true,
    p: id((w) => w.submission),
  }),
  'POST /api/v1/orgs/:slug/recognition/submissions/:id/request-changes': org(
    ['admin', 'recognition_officer'],
    { tokens: true, p: id((w) => w.incoming) },
  ),
  'POST /api/v1/orgs/:slug/recognition/submissions/:id/approve': org(['admin', 'recognition_officer'], {
    tokens: true,
    p: id((w) => w.incoming),
  }),
  'POST /api/v1/orgs/:slug/recognition/submissions/:id/reject': org(['admin', 'recognition_officer'], {
    tokens: true,
    p: id((w) => w.incoming),
  }),
  'POST /api/v1/orgs/:slug/recognition/submissions/:id/withdraw': org(
    ['admin', 'designer', 'issuing_staff'],
    { tokens: true, p: id((w) => w.submission) },
  ),
  'POST /api/v1/orgs/:slug/recognition/submissions/:id/endorse': org(['admin', 'recognition_officer'], {
    tokens: true,
    p: id((w) => w.incoming),
  }),
  // The credit ledger.
  'GET /me/licenses': user(),
  'POST /me/licenses': user(),
  'GET /me/licenses/:id': mine({ p: id((w) => w.license) }),
  'POST /me/licenses/:id/transcript.json': mine({ p: id((w) => w.license) }),
  'GET /me/licenses/:id/transcript': mine({ p: id((w) => w.license) }),
  'GET /orgs/:slug/recognition/notices': org(['admin', 'recognition_officer']),
  'GET /orgs/:slug/recognition/notices/:id': org(['admin', 'recognition_officer'], {
    p: id((w) => w.notice),
  }),
  'GET /orgs/:slug/recognition/notices/:id/credential.json': org(['admin', 'recognition_officer'], {
    p: id((w) => w.notice),
  }),
  // The earner's license is not confirmed yet: posting is explained on the notice's page.
  'POST /orgs/:slug/recognition/notices/:id/post': org(['admin', 'recognition_officer'], {
    p: id((w) => w.notice),
  }),
  'POST /orgs/:slug/recognition/notices/:id/dismiss': org(['admin', 'recognition_officer'], {
    p: id((w) => w.notice),
  }),
  'POST /orgs/:slug/recognition/notices/:id/read': org(['admin', 'recognition_officer'], {
    p: id((w) => w.notice),
  }),
  'GET /orgs/:slug/recognition/licenses': org(['admin', 'recognition_officer']),
  'POST /orgs/:slug/recognition/licenses/:id/confirm': org(['admin', 'recognition_officer'], {
    p: id((w) => w.license),
  }),
  'POST /orgs/:slug/recognition/licenses/:id/reject': org(['admin', 'recognition_officer'], {
    p: id((w) => w.license),
  }),
  'GET /orgs/:slug/recognition/roster': org(['admin', 'recognition_officer']),
  'GET /orgs/:slug/recognition/roster.csv': org(['admin', 'recognition_officer']),
  'GET /orgs/:slug/recognition/programs/:id/webhook': org(['admin', 'recognition_officer'], {
    p: id((w) => w.program),
  }),
  'POST /orgs/:slug/recognition/programs/:id/webhook': org(['admin', 'recognition_officer'], {
    p: id((w) => w.program),
  }),
  // Claiming (the link is the secret: whoever holds it may look).
  'GET /claim/:token': pub({ p: id((w) => w.claimToken, 'token') }),
  // Without a login, accepting leads back to the claim page, which offers to log in or sign up.
  'POST /claim/:token/accept': user({ anonymous: 'allowed', p: id((w) => w.claimToken, 'token') }),
  'POST /claim/:token/decline': pub({ p: id((w) => w.claimToken, 'token') }),
  'POST /claim/:token/signup': pub({ p: id((w) => w.claimToken, 'token') }),
  'POST /claim/:token/renew': pub({ p: id((w) => w.claimToken, 'token') }),
  // The backpack.
  // The Open Badges 3.0 API answers bearer tokens from its OAuth server only (tested with a real
  // OAuth client in features/ob3api): a session, an API token or nothing gets 401.
  'GET /ims/ob/v3p0/discovery': pub(),
  'GET /ims/ob/v3p0/credentials': bearerOnly(),
  'POST /ims/ob/v3p0/credentials': bearerOnly(),
  'GET /ims/ob/v3p0/profile': bearerOnly(),
  'PUT /ims/ob/v3p0/profile': bearerOnly(),
  // Consent for an authorization in progress: only with its interaction cookie, which the browser
  // that started the authorization holds (not a fixture: it is one-use, and tied to that browser).
  // The whole flow, consent included, runs with a real OAuth client in features/ob3api.
  'GET /oauth/consent/:uid': user({ p: () => ({ uid: 'no-such-interaction' }), missing: CONSENT }),
  'POST /oauth/consent/:uid': user({ p: () => ({ uid: 'no-such-interaction' }), missing: CONSENT }),
  // Connections from this backpack to other Open Badges 3.0 hosts.
  'POST /backpack/connections': user(),
  // Without a pending connection of the caller's own, it goes back to the backpack with a message.
  'GET /backpack/connections/callback': user(),
  // The connection's tokens have run out: sending explains that on the backpack page (nothing leaves).
  'POST /backpack/connections/:id/send': mine({
    p: id((w) => w.connection),
    body: (w) => ({ badge: `issued:${w.credential}` }),
  }),
  'POST /backpack/connections/:id/remove': mine({ p: id((w) => w.connection) }),
  'GET /backpack': user(),
  'POST /backpack/import': user(),
  'POST /backpack/badges/:id/privacy': mine({ p: id((w) => w.credential) }),
  'POST /backpack/badges/:id/name': mine({ p: id((w) => w.credential) }),
  'POST /backpack/badges/:id/accept': mine({ p: id((w) => w.credential) }),
  'POST /backpack/badges/:id/decline': mine({ p: id((w) => w.credential) }),
  'POST /backpack/imported/:id/reverify': mine({ p: id((w) => w.imported) }),
  'POST /backpack/imported/:id/remove': mine({ p: id((w) => w.imported) }),
  'GET /backpack/imported/:id/download': mine({ p: id((w) => w.imported) }),
  'GET /backpack/imported/:id/baked.png': mine({ p: id((w) => w.imported) }),
  'GET /backpack/imported/:id/baked.svg': mine({ p: id((w) => w.imported) }),
  'GET /backpack/imported/:id/image': mine({ p: id((w) => w.importedImage) }),
  'GET /backpack/export.zip': user(),
  'GET /backpack/collections': user(),
  'POST /backpack/collections': user(),
  // The form names the collection and the badge: only the earner's own are found.
  'POST /backpack/collections/add': mine({ body: (w) => ({ collection: w.collection, badge: w.imported }) }),
  'GET /backpack/collections/:id': mine({ p: id((w) => w.collection) }),
  'POST /backpack/collections/:id': mine({ p: id((w) => w.collection) }),
  'POST /backpack/collections/:id/delete': mine({ p: id((w) => w.collection) }),
  'POST /backpack/collections/:id/share': mine({ p: id((w) => w.collection) }),
  'POST /backpack/collections/:id/unshare': mine({ p: id((w) => w.collection) }),
  'POST /backpack/collections/:id/items/:item/remove': mine({
    p: (w) => ({ id: w.collection, item: w.collectionItem }),
  }),
  'POST /backpack/collections/:id/items/:item/move': mine({
    p: (w) => ({ id: w.collection, item: w.collectionItem }),
  }),
  'GET /c/:token': pub({ p: id((w) => w.shareToken, 'token') }),
  'GET /c/:token/imported/:id': pub({ p: (w) => ({ token: w.shareToken, id: w.importedImage }) }),
  'GET /c/:token/imported/:id/image': pub({ p: (w) => ({ token: w.shareToken, id: w.importedImage }) }),
  'GET /verify': pub(),
  'POST /verify': pub(),
  // Issuing over JSON (session or the organisation's API token).
  'POST /api/v1/orgs/:slug/credentials': org(['admin', 'issuing_staff'], { tokens: true }),
  'GET /api/v1/orgs/:slug/credentials': org(['admin', 'issuing_staff'], { tokens: true }),
  'POST /api/v1/orgs/:slug/credentials/status': org(['admin', 'issuing_staff'], { tokens: true }),
};

// ---------------------------------------------------------------------------------------------

function classify(res: Response): Outcome | 'refused' | 'server_error' {
  if (res.status >= 500) return 'server_error';
  if ([400, 409, 410, 422].includes(res.status)) return 'refused';
  if (res.status === 401) return 'login';
  if (res.status >= 300 && res.status < 400 && (res.headers.get('location') ?? '').startsWith('/login'))
    return 'login';
  if (res.status === 403) return 'forbidden';
  if (res.status === 404) return 'not_found';
  return 'allowed';
}

function expectedFor(rule: Rule, actor: ActorName, side: Side): Outcome {
  if (actor === 'token')
    return side === 'own' || rule.foreign === 'same' ? (rule.missing ? 'not_found' : 'allowed') : 'not_found';
  if (side === 'foreign' && rule.foreign !== 'same')
    return actor === 'anonymous' ? (rule.anonymous ?? 'login') : (rule.foreign ?? 'not_found');
  // Owners may do whatever any role may.
  const allowed =
    (rule.allow as readonly string[]).includes(actor) ||
    (actor === 'owner' && !rule.noOwner && rule.allow.some((a) => (ROLES as readonly string[]).includes(a)));
  if (allowed) return rule.missing ? 'not_found' : 'allowed';
  if (actor === 'anonymous') return rule.anonymous ?? 'login';
  if (actor === 'earner' || actor === 'outsider') return rule.stranger ?? 'not_found';
  return rule.denied ?? 'forbidden';
}

/** Runs jobs with at most `limit` in flight. */
async function bounded<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

const CSRF = 'matrix-csrf-token-matrix-csrf-token-0123456789';

for (const backend of testBackends()) {
  describe(`authorization matrix (${backend.name})`, () => {
    let app: Hono<AppEnv>;
    let storage: Storage;
    let own: AuthzWorld;
    let foreign: AuthzWorld;
    const sessions = new Map<string, string>();
    let newSession: (userId: number) => Promise<string>;
    let deps: { db: Storage['db']; clock: ManualClock; config: Config };

    before(async () => {
      storage = await backend.storage();
      const built = testApp(storage);
      app = built.app;
      deps = { db: storage.db, clock: built.clock, config: built.config };
      own = await authzWorld(storage, built.clock, built.config, 'Alpha');
      foreign = await authzWorld(storage, built.clock, built.config, 'Beta');
      newSession = (userId) =>
        createSession(storage.db, {
          userId,
          ip: null,
          userAgent: 'matrix',
          now: built.clock.now(),
          ttlMs: 14 * DAY,
        });
      for (const role of ROLES) sessions.set(role, await newSession(own.members[role].id));
      sessions.set('earner', await newSession(own.earner.id));
      sessions.set('outsider', await newSession(foreign.members.owner.id));
    });

    test('every route has exactly one entry in the table, and every entry a route', () => {
      const routes = new Set(
        app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
      );
      const missing = [...routes].filter((r) => !(r in RULES));
      const stale = Object.keys(RULES).filter((r) => !routes.has(r));
      assert.deepEqual(
        missing,
        [],
        `New route(s) without an entry in RULES (src/main/authorizationMatrix.test.ts). Add a line per route saying who may use it, e.g.\n` +
          missing
            .map((r) => `  '${r}': org(['admin']),   // or members() / user() / mine({ p: … }) / pub()`)
            .join('\n'),
      );
      assert.deepEqual(
        stale,
        [],
        `Entries in RULES for routes the app no longer has (remove them): ${stale.join(', ')}`,
      );
    });

    test('route × caller × own/foreign resource answers as the table says, and never with a 5xx', async () => {
      const helpers: Helpers = {
        async newMember(w, role) {
          const u = await buildUser(storage.db, { name: `Member ${unique('')}` });
          await addMember(storage.db, w.org.id, u.id, [role]);
          return u.public_id;
        },
        async newStack(w) {
          return (
            await createStack(deps, {
              actor: { userId: w.members.designer.id, ip: null },
              orgSlug: w.org.slug,
              name: `Stack ${unique('')}`,
              description: 'x',
              microCredentials: [w.mc.publicId],
            })
          ).publicId;
        },
        async newWebhook(w) {
          return (
            await createSubscription(
              { ...deps, vault: testCredentialServices().vault },
              { organisationId: w.org.id, userId: w.members.owner.id, ip: null },
              { url: 'https://example.org/cairn-events', events: ['bulk_run.finished'] },
            )
          ).publicId;
        },
        async newProgram(w) {
          return (
            await createProgram(deps, {
              actor: { userId: w.members.recognition_officer.id, ip: null },
              orgSlug: w.org.slug,
              name: `Program ${unique('')}`,
              licenseName: 'Educator license',
              cycleYears: 5,
              hoursRequired: 10,
              unitRule: 'fixed',
              fixedHours: 1,
            })
          ).publicId;
        },
        async newCeSession(w) {
          return (
            await requestSession(deps, {
              actor: { userId: w.members.designer.id, ip: null },
              orgSlug: w.org.slug,
              ...ceSessionRequest(w.proofMicroCredential),
            })
          ).publicId;
        },
        async newNotification(w) {
          const id = publicId('ntf');
          await storage.db
            .insertInto('notifications')
            .values({
              public_id: id,
              user_id: w.earner.id,
              organisation_id: w.org.id,
              kind: 'badge_issued',
              data: JSON.stringify({ credential: w.credential, title: 'Badge' }),
              email: 'none',
              created_at: new Date(),
            })
            .execute();
          return id;
        },
      };
      const actors: ActorName[] = [...ROLES, 'earner', 'outsider', 'anonymous'];
      const routes = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
      const unique_ = [...new Set(routes)].filter((r) => r in RULES);
      const failures: string[] = [];
      const readOnce = new Set<string>();
      let requests = 0;

      const send = async (route: string, rule: Rule, actor: ActorName, side: Side): Promise<void> => {
        const [method = 'GET', pattern = '/'] = route.split(' ');
        const w = side === 'own' ? own : foreign;
        const params: Params = { slug: w.org.slug, ...(await rule.p?.(w, helpers)) };
        const query = rule.q ? `?${new URLSearchParams(rule.q(w)).toString()}` : '';
        const path =
          pattern.replace(/:([A-Za-z]+)/g, (_, name: string) =>
            encodeURIComponent(String(params[name] ?? `none-${name}`)),
          ) + query;
        const api =
          path.startsWith('/api/') || path.startsWith('/credentials/') || path.startsWith('/presentations/');
        const headers: Record<string, string> = { accept: api ? 'application/json' : 'text/html' };
        let session = actor === 'anonymous' || actor === 'token' ? undefined : sessions.get(actor);
        if (session && rule.freshSession) {
          const userId =
            actor === 'earner'
              ? own.earner.id
              : actor === 'outsider'
                ? foreign.members.owner.id
                : own.members[actor as Role].id;
          session = await newSession(userId);
        }
        if (actor === 'token') headers.authorization = `Bearer ${own.token}`;
        else headers.cookie = `cairn_csrf=${CSRF}${session ? `; cairn_session=${session}` : ''}`;
        let body: string | undefined;
        if (method !== 'GET') {
          const fields = rule.body?.(w) ?? {};
          if (api) {
            headers['content-type'] = 'application/json';
            headers['x-csrf-token'] = CSRF;
            body = JSON.stringify(fields);
          } else {
            const form = new URLSearchParams({ _csrf: CSRF });
            for (const [k, v] of Object.entries(fields))
              for (const one of Array.isArray(v) ? v : [v]) form.append(k, String(one));
            headers['content-type'] = 'application/x-www-form-urlencoded';
            body = form.toString();
          }
        }
        const res = await app.request(
          path,
          { method, headers, body },
          { incoming: { socket: { remoteAddress: '203.0.113.50' } } },
        );
        const got = classify(res);
        // The first allowed answer of a route is read to its end (a stream that breaks fails the
        // test); later ones only by their status, so a big download (a ZIP export) is built once.
        if (got === 'allowed' && readOnce.has(route)) await res.body?.cancel();
        else await res.arrayBuffer();
        if (got === 'allowed') readOnce.add(route);
        requests++;
        const expected = expectedFor(rule, actor, side);
        // A business refusal means the caller got past the gate (access is always checked before
        // the body is judged, so a caller who should be turned away never sees one).
        const fine = got === expected || (got === 'refused' && expected === 'allowed');
        if (!fine)
          failures.push(
            `${route} as ${actor} on ${side} ${path}: expected ${expected}, got ${got} (${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''})`,
          );
      };

      const casesOf = (route: string, rule: Rule) => {
        const hasParams = /:[A-Za-z]/.test(route.replace(':slug', '')) || route.includes(':slug');
        const cases: Array<{ actor: ActorName; side: Side }> = [];
        // On the other organisation's (person's) things every caller is answered alike, so the
        // foreign side asks only a few: the owner (may do everything at home), the earner, the
        // first role allowed at home (its own code path) and the first one refused there.
        const roleAllowed = (r: Role) => (rule.allow as readonly string[]).includes(r);
        const foreignCallers = new Set<ActorName>([
          'owner',
          'earner',
          ...ALL.filter((r) => r !== 'owner' && roleAllowed(r)).slice(0, 1),
          ...ALL.filter((r) => r !== 'owner' && !roleAllowed(r)).slice(0, 1),
        ]);
        for (const actor of actors) {
          cases.push({ actor, side: 'own' });
          if (hasParams && foreignCallers.has(actor)) cases.push({ actor, side: 'foreign' });
        }
        if (rule.tokens) cases.push({ actor: 'token', side: 'own' }, { actor: 'token', side: 'foreign' });
        // Callers expected to be turned away go first, so a change made by an allowed caller
        // cannot hide a hole.
        return cases.sort(
          (a, b) =>
            Number(expectedFor(rule, a.actor, a.side) === 'allowed') -
            Number(expectedFor(rule, b.actor, b.side) === 'allowed'),
        );
      };

      // Reads first, many at once; then writes, one route at a time.
      const reads = unique_.filter((r) => r.startsWith('GET '));
      // Writes that end something (retire, delete, withdraw …) run last, so the things other routes need stay.
      // Revoking the API token comes after every other ending write the token is asked to make.
      const ending = (r: string) =>
        /\/(delete|logout)$/.test(r)
          ? 3
          : r.endsWith('/tokens/:id/revoke')
            ? 2
            : /\/(retire|remove|withdraw|revoke|archive|reject|decline|unshare|dismiss)$/.test(r)
              ? 1
              : 0;
      const writes = unique_.filter((r) => !r.startsWith('GET ')).sort((a, b) => ending(a) - ending(b));
      await bounded(reads, 6, async (route) => {
        for (const c of casesOf(route, RULES[route]!)) await send(route, RULES[route]!, c.actor, c.side);
      });
      for (const route of writes) {
        const rule = RULES[route]!;
        const cases = casesOf(route, rule);
        const turnedAway = cases.filter((c) => expectedFor(rule, c.actor, c.side) !== 'allowed');
        await bounded(turnedAway, 4, (c) => send(route, rule, c.actor, c.side));
        for (const c of cases.filter((x) => !turnedAway.includes(x)))
          await send(route, rule, c.actor, c.side);
      }
      assert.equal(
        failures.length,
        0,
        `${failures.length} of ${requests} answers differ from the table:\n${failures.sort().join('\n')}`,
      );
      assert.ok(
        requests > unique_.length * 10,
        `every route was tried by every caller (${requests} requests)`,
      );
    });
  });
}

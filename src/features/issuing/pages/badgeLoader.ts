import type { Config } from '../../../config.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { notFound } from '../../../domain/errors.ts';
import { hashEmailIdentity } from '../../../credentials/openBadgeCredential.ts';
import { ownCredentialState, reportStatus, verifyWithCairn } from '../../verification/index.ts';
import { recognitionPanelData, type RecognitionPanel } from '../../recognition/index.ts';
import { credentialArtwork } from '../../catalog/index.ts';
import { badgeForEmbed, findBadge, lastStatusEvent } from '../queries/badges.ts';
import { achievementForReader, achievementLanguages } from './badgeEdition.ts';
import { issuingPaths } from '../paths.ts';
import { issuerIdentity, type IssuerIdentity } from './issuerIdentity.ts';

// The public badge page's reads: the badge, a live verification, and what the page shows of them,
// as a view model (badgeView.tsx renders it; badgePage.tsx keeps the rendered page while current).

type Json = Record<string, unknown>;
type BadgeRow = Awaited<ReturnType<typeof findBadge>>;

/** The verdict of a verification in one word (catalogue: verification.verdict.*). */
export type VerdictKey = ReturnType<typeof reportStatus>['status'];

/** What binds the name shown beside the badge to the signed credential. */
export type NameBinding = 'signed' | 'emailHash' | 'siteOnly';

export interface BadgeViewModel {
  publicId: string;
  /** The achievement's name, as the issuer wrote it (data). */
  name: string;
  orgName: string;
  holder: { name: string; binding: NameBinding } | null;
  /** The badge is private and the one looking is its earner. */
  private: boolean;
  issuer: IssuerIdentity | null;
  issued: Date;
  validUntil: Date | null;
  verified: boolean;
  verdict: VerdictKey;
  /** The checks that failed, with the verifier's own detail. */
  failed: Array<{ id: string; message?: string }>;
  statusEvent: { action: string; reason: string | null; created_at: Date } | null;
  /** The badge page's own address (absolute). */
  url: string;
  recognition: Parameters<typeof RecognitionPanel>[0]['data'] | null;
  description: string;
  criteria: string | null;
  /** The languages the name and description, and the criteria, are written in (BCP 47). */
  languages: { words: string; criteria: string };
  /** A VC-JWT can be downloaded (made already, or can still be made with an unrevoked key). */
  offersJwt: boolean;
  publicUrl: string;
}

/** What the page of a private badge shows a visitor: only whether the credential is valid. */
export interface PrivateBadgeModel {
  verdict: VerdictKey;
  verified: boolean;
}

export type BadgePage =
  | { kind: 'private'; model: PrivateBadgeModel }
  | {
      kind: 'public';
      model: BadgeViewModel;
      /** Everything the page shows depends on: the same stamp, the same page. */
      stamp: string;
      /** When the verdict changes by itself (validFrom, validUntil), in ms. */
      turns: number[];
    };

export interface BadgeDeps {
  db: Queryable;
  config: Config;
  credentials: CredentialServices;
  now: Date;
}

/**
 * Whose badge it is, as the public page says it: the name of the account that accepted it (or the
 * name inside the signed credential), unless the earner hid it; and whether the signed credential
 * itself binds that name (named in it) or only identifies its holder, the name being shown by this site.
 */
export function issuedTo(
  row: { show_name: boolean | null; holder_name: string | null; recipient_email: string | null },
  subject: Json,
): { name: string; binding: NameBinding } | null {
  if (row.show_name === false) return null;
  const signedName = typeof subject.name === 'string' && subject.name.trim() ? subject.name.trim() : null;
  const name = row.holder_name ?? signedName;
  if (!name) return null;
  if (signedName && signedName === name) return { name, binding: 'signed' };
  const ids = Array.isArray(subject.identifier) ? (subject.identifier as Json[]) : [];
  const email = row.recipient_email;
  const emailMatches =
    !!email &&
    ids.some(
      (i) =>
        i.identityType === 'emailAddress' &&
        typeof i.salt === 'string' &&
        i.identityHash === hashEmailIdentity(email, i.salt),
    );
  return { name, binding: emailMatches ? 'emailHash' : 'siteOnly' };
}

/** The earner made this badge private (in their backpack) and the visitor is not that earner. */
const hiddenFrom = (
  viewerId: number | null,
  row: { private: boolean | null; privacy_user_id: number | null },
) => row.private === true && viewerId !== row.privacy_user_id;

/** The public page of a badge, or (private, seen by anyone but its earner) only its verdict. */
export async function loadBadgePage(
  deps: BadgeDeps,
  { publicId, viewerId, locale }: { publicId: string; viewerId: number | null; locale: string },
): Promise<BadgePage> {
  const { db, config, credentials, now } = deps;
  const row = await findBadge(db, publicId);
  const report = await verifyWithCairn(
    row.document,
    { db, config, services: credentials, now },
    { hash: row.document_sha256, state: ownCredentialState(row.key_status, row.lists) },
  );
  const verdict = reportStatus(report).status;
  if (hiddenFrom(viewerId, row)) return { kind: 'private', model: { verdict, verified: report.verified } };
  const statusEvent =
    verdict === 'revoked' || verdict === 'suspended'
      ? ((await lastStatusEvent(db, row.public_id)) ?? null)
      : null;
  const recognition =
    row.approved_somewhere && row.micro_credential_id !== null && row.micro_credential_version !== null
      ? await recognitionPanelData(db, row.micro_credential_id, row.micro_credential_version, row.issued_at)
      : null;
  const model = badgeModel(row, config, locale, {
    verdict,
    verified: report.verified,
    failed: report.checks.filter((x) => !x.ok).map((x) => ({ id: x.id, message: x.message })),
    issuer: issuerIdentity(report, config.publicUrl),
    statusEvent,
    recognition,
  });
  // The page says the same to every visitor while what it shows is unchanged: the document, the
  // verification state and verdict, the public reason and the recognition panel.
  const stamp = JSON.stringify([
    config.publicUrl,
    row.document_sha256,
    ownCredentialState(row.key_status, row.lists),
    verdict,
    report.checks.map((x) => x.ok),
    statusEvent,
    recognition,
    model.holder,
  ]);
  const doc = JSON.parse(row.document) as Json;
  const turns = [Date.parse(String(doc.validFrom ?? '')), model.validUntil?.getTime() ?? NaN];
  return { kind: 'public', model, stamp, turns };
}

/** The view model of a badge from its row and its verification. */
function badgeModel(
  row: BadgeRow,
  config: Config,
  locale: string,
  checked: Pick<BadgeViewModel, 'verdict' | 'verified' | 'failed' | 'issuer' | 'statusEvent' | 'recognition'>,
): BadgeViewModel {
  const doc = JSON.parse(row.document) as Json & {
    credentialSubject: Json & { achievement: Json & { criteria?: Json } };
  };
  // A reader of Spanish sees the Spanish edition the issuer wrote, when there is one.
  const achievement = achievementForReader(doc.credentialSubject.achievement, row, locale);
  const criteria = achievement.criteria?.narrative;
  return {
    ...checked,
    publicId: row.public_id,
    name: String(achievement.name ?? row.achievement_name),
    orgName: row.org_name,
    holder: issuedTo(row, doc.credentialSubject),
    private: row.private === true,
    issued: row.issued_at,
    validUntil: typeof doc.validUntil === 'string' ? new Date(doc.validUntil) : null,
    url: `${config.publicUrl}${issuingPaths.badge(row.public_id)}`,
    description: String(achievement.description ?? ''),
    criteria: criteria ? String(criteria) : null,
    languages: achievementLanguages(doc.credentialSubject.achievement, row, locale),
    offersJwt: Boolean(row.jwt) || row.key_status !== 'revoked',
    publicUrl: config.publicUrl,
  };
}

/** A badge whose files (credential, baked images, QR code) only its earner may fetch while it is private. */
export async function loadBadgeFile(db: Queryable, publicId: string, viewerId: number | null) {
  const row = await findBadge(db, publicId);
  if (hiddenFrom(viewerId, row)) throw notFound('badge');
  return row;
}

/** The badge's artwork (PNG and SVG), to bake the credential into. */
export function badgeArtwork(db: Queryable, row: Pick<BadgeRow, 'id' | 'achievement_name' | 'org_name'>) {
  return credentialArtwork(db, row.id, row.achievement_name, row.org_name);
}

/** What an oEmbed snippet of a public badge shows (not found when it is private or missing). */
export async function loadEmbed(db: Queryable, publicId: string) {
  const row = await badgeForEmbed(db, publicId);
  if (!row || row.private === true) throw notFound('badge');
  return { title: `${row.achievement_name} — ${row.name}` };
}

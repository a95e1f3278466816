import { noticesForCredentials } from '../../credit/index.ts';
import type { Queryable } from '../../../storage/database.ts';
import { statusesOf, type CredentialStatus } from '../queries/credentialStatus.ts';
import {
  awardableMicroCredentials,
  issuedCredentialsByPublicId,
  issuedCredentialsOf,
} from '../queries/issuedCredentials.ts';
import { issuingPaths } from '../paths.ts';

// The view models of the issued-credentials pages (issuedCredentials.tsx routes and renders them).

/** How many credentials the page lists (newest first). */
export const ISSUED_PAGE_SIZE = 200;

export interface IssuedCredentialItem {
  publicId: string;
  recipient: string;
  achievementName: string;
  issuedAt: Date;
  /** Revoked, suspended or valid (this list does not show expiry). */
  status: CredentialStatus;
  /** Completion notices sent to recognizers for it (issue 7). */
  notices: Array<{ recognizerName: string; sentAt: Date }>;
  badgePath: string;
  statusAction: string;
}

export interface IssuedCredentialsModel {
  organisation: { name: string; slug: string };
  microCredentials: Array<{ public_id: string; title: string }>;
  credentials: IssuedCredentialItem[];
  paths: { award: string; changeSelected: string; bulkAwards: string };
}

type Org = { id: number; name: string; slug: string };

/** The organisation's issued credentials with their status, and what it can award. */
export async function loadIssuedCredentials(
  db: Queryable,
  organisation: Org,
  now: Date,
): Promise<IssuedCredentialsModel> {
  const [rows, microCredentials] = await Promise.all([
    issuedCredentialsOf(db, organisation.id, { limit: ISSUED_PAGE_SIZE }),
    awardableMicroCredentials(db, organisation.id),
  ]);
  // Without valid_until: this list shows revoked, suspended or valid, not expiry.
  const statuses = await statusesOf(
    db,
    rows.map((r) => ({ id: r.id })),
    now,
  );
  const notices = await noticesForCredentials(
    db,
    rows.map((r) => r.id),
  );
  return {
    organisation: { name: organisation.name, slug: organisation.slug },
    microCredentials,
    credentials: rows.map((r) => ({
      publicId: r.public_id,
      recipient: r.recipient_email ?? r.recipient_did ?? '',
      achievementName: r.achievement_name,
      issuedAt: r.issued_at,
      status: statuses.get(r.id) ?? 'valid',
      notices: notices
        .filter((n) => n.credential_id === r.id)
        .map((n) => ({ recognizerName: n.recognizer_name, sentAt: n.created_at })),
      badgePath: issuingPaths.badge(r.public_id),
      statusAction: issuingPaths.credentialStatus(organisation.slug, r.public_id),
    })),
    paths: {
      award: issuingPaths.credentials(organisation.slug),
      changeSelected: issuingPaths.credentialsStatus(organisation.slug),
      bulkAwards: issuingPaths.awards(organisation.slug),
    },
  };
}

export interface RevokeConfirmationModel {
  credentials: Array<{ publicId: string; achievementName: string; recipient: string; badgePath: string }>;
  /** Where the confirmed form posts (the list's bulk change, or one credential's change). */
  action: string;
  back: string;
  reason: string;
}

/** The organisation's credentials about to be revoked (another organisation's are left out). */
export async function loadRevokeConfirmation(
  db: Queryable,
  organisation: Org,
  request: { ids: string[]; action: string; reason: string },
): Promise<RevokeConfirmationModel> {
  const rows = await issuedCredentialsByPublicId(db, organisation.id, request.ids);
  return {
    credentials: rows.map((r) => ({
      publicId: r.public_id,
      achievementName: r.achievement_name,
      recipient: r.recipient_email ?? r.recipient_did ?? '',
      badgePath: issuingPaths.badge(r.public_id),
    })),
    action: request.action,
    back: issuingPaths.credentials(organisation.slug),
    reason: request.reason,
  };
}

import type { Queryable } from '../../../storage/database.ts';
import { emailsOf, findUserByConfirmedEmail } from '../../../storage/users.ts';
import { CLAIM_LINK_DAYS, findClaimByToken, type ClaimView } from '../commands/claimCredential.ts';

// The claim page's reads: the claim behind a link and, for a pending one, who may take it and
// how, as a view model (claimView.tsx renders it; claims.tsx routes).

/** What the claim pages say about the badge (the issuer's words and the address are data). */
export interface ClaimFacts {
  credentialPublicId: string;
  badgeName: string;
  issuerName: string;
  recipientEmail: string;
}

/**
 * A signed-in person and the claimed address: it is theirs and confirmed, theirs unconfirmed
 * (accepting confirms it), on no account (accepting adds it), or another account's.
 */
export type SignedInAccess = 'own' | 'confirms' | 'adds' | 'otherAccount';

export type ClaimPageModel =
  | { kind: 'invalid' }
  | { kind: 'accepted' | 'declined' | 'expired'; claim: ClaimFacts; linkDays: number }
  | {
      kind: 'pending';
      claim: ClaimFacts;
      /** Null: nobody is signed in. */
      signedIn: SignedInAccess | null;
      /** Not signed in: the address already belongs to an account (so logging in is the way). */
      hasAccount: boolean;
    };

/** The HTTP status each page answers with. */
export const CLAIM_PAGE_STATUS = {
  invalid: 404,
  accepted: 410,
  declined: 410,
  expired: 410,
  pending: 200,
} as const;

const factsOf = (claim: ClaimView): ClaimFacts => ({
  credentialPublicId: claim.credentialPublicId,
  badgeName: claim.badgeName,
  issuerName: claim.issuerName,
  recipientEmail: claim.recipientEmail,
});

/** How a signed-in person stands to the address the badge was sent to. */
async function accessOf(db: Queryable, userId: number, email: string): Promise<SignedInAccess> {
  const mine = (await emailsOf(db, userId)).find((e) => e.email === email);
  if (mine?.confirmed_at) return 'own';
  if (await findUserByConfirmedEmail(db, email)) return 'otherAccount';
  return mine ? 'confirms' : 'adds';
}

/** The page a claim link opens, for whoever opens it. */
export async function loadClaimPage(
  db: Queryable,
  { token, viewerId, now }: { token: string; viewerId: number | null; now: Date },
): Promise<ClaimPageModel> {
  const claim = await findClaimByToken(db, token, now);
  if (!claim) return { kind: 'invalid' };
  const facts = factsOf(claim);
  if (claim.state !== 'pending') return { kind: claim.state, claim: facts, linkDays: CLAIM_LINK_DAYS };
  if (claim.expired) return { kind: 'expired', claim: facts, linkDays: CLAIM_LINK_DAYS };
  if (viewerId !== null)
    return {
      kind: 'pending',
      claim: facts,
      signedIn: await accessOf(db, viewerId, claim.recipientEmail),
      hasAccount: true,
    };
  const hasAccount = Boolean(await findUserByConfirmedEmail(db, claim.recipientEmail));
  return { kind: 'pending', claim: facts, signedIn: null, hasAccount };
}

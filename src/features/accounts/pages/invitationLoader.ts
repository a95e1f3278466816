import { AppError } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { findOpenInvitation } from '../queries/invitations.ts';
import { invitationPath } from '../paths.ts';
import type { InvitationModel } from './invitationView.tsx';

/** The invitation behind a link, or the English reason it cannot be used. */
export async function loadInvitation(
  db: Queryable,
  token: string,
  now: Date,
  loggedIn: boolean,
): Promise<{ model: InvitationModel } | { problem: string }> {
  try {
    const invitation = await findOpenInvitation(db, token, now);
    return {
      model: {
        organisation: invitation.organisation_name,
        email: invitation.email,
        roles: invitation.roles,
        here: invitationPath(token),
        loggedIn,
      },
    };
  } catch (err) {
    if (err instanceof AppError) return { problem: err.message };
    throw err;
  }
}

import { z } from 'zod';
import { invalid } from '../../../../domain/errors.ts';
import { parseInput } from '../../../../domain/validation.ts';
import type { Queryable } from '../../../../storage/database.ts';
import { approvedSessionsOf } from '../queries/sessions.ts';
import { commandMessage } from '../../../../web/i18n/commandMessages.ts';

/**
 * What an earner names when applying with a certificate: the approved session (`session`, its
 * public id, as the form and invitation links send it) or, for API clients of before, its label
 * (`program`, "provider — title"). A micro-credential with no approved session takes any program
 * name, or none.
 */
export const sessionChoiceInput = z.object({
  session: z.string().trim().max(100).optional(),
  program: z.string().trim().max(300).optional(),
});

const CHOOSE = () => commandMessage('errors.recognition.sessions.chooseSession');

/** The earner's choice checked against the micro-credential's approved sessions. */
export async function chosenSession(
  db: Queryable,
  microCredentialId: number,
  input: unknown,
): Promise<{ sessionId: number | null; label: string | null }> {
  const { session, program } = parseInput(sessionChoiceInput, input ?? {});
  const approved = await approvedSessionsOf(db, microCredentialId);
  if (!approved.length) return { sessionId: null, label: program || null };
  if (!session && !program) throw invalid({ session: CHOOSE() }, CHOOSE());
  const found = session
    ? approved.find((s) => s.public_id === session)
    : approved.find((s) => s.label === program);
  if (!found) {
    const message = commandMessage('errors.recognition.sessions.notPreApproved');
    throw invalid({ session: message }, message);
  }
  return { sessionId: found.id, label: found.label };
}

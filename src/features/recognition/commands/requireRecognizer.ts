import { AppError } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { requireMember } from '../../accounts/index.ts';

/** The recognizer's membership, for managing its programs and reviewing submissions. */
export async function requireRecognizer(
  db: Queryable,
  slug: string,
  userId: number,
  action: 'recognition.read' | 'recognition.manage',
): Promise<Organisation> {
  const { organisation } = await requireMember(db, slug, userId, action);
  if (organisation.kind === 'issuer')
    throw new AppError(
      'forbidden',
      'Only recognizer organisations run recognition programs. An administrator can change the organisation’s kind.',
    );
  return organisation;
}

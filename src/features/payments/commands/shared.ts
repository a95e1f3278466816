import { z } from 'zod';
import type { Tx } from '../../../storage/database.ts';
import { findUser, primaryEmail } from '../../../storage/users.ts';
import { queueMail } from '../../../mail/outbox.ts';
import type { RenderedMail } from '../../../mail/templates.tsx';
import type { Actor, OrganisationActor } from '../../../domain/commands.ts';
import { isLocale, type Locale } from '../../../web/i18n/i18n.ts';

/** What the fee and proof commands share: the caller's shape, the address schemas, the earner's mail. */

/** A command's caller: who acts (staff commands: a member or the organisation's API token), the address of what it acts on, then the rest of its input. */
export type CommandCall<Address, Who extends OrganisationActor = Actor> = { actor: Who } & Address &
  Record<string, unknown>;
export const onApplication = z.object({ application: z.string() });
export const onStaffApplication = z.object({ orgSlug: z.string(), application: z.string() });
export const onStaffPayment = z.object({ orgSlug: z.string(), payment: z.string() });

/** Queues a mail to an earner's primary address, in the language they saved (false when they have no address). */
export async function mailEarner(
  tx: Tx,
  userId: number,
  organisationId: number,
  build: (name: string, locale: Locale | undefined) => RenderedMail,
  now: Date,
): Promise<boolean> {
  const user = await findUser(tx, userId);
  const address = await primaryEmail(tx, userId);
  if (!user || !address) return false;
  const locale = isLocale(user.locale) ? user.locale : undefined;
  await queueMail(tx, address.email, build(user.name, locale), now, { organisationId });
  return true;
}

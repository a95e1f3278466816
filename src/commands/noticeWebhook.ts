import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { notFound } from '../domain/errors.ts';
import { parseInput } from '../domain/validation.ts';
import { inTransaction } from '../storage/database.ts';
import { recordAudit } from '../storage/audit.ts';
import type { KeyVault } from '../credentials/keyVault.ts';
import { requireRecognizer } from './recognitionPrograms.ts';
import type { Actor, CommandDeps } from './context.ts';

/** The webhook secret is kept encrypted (AES-256-GCM under CAIRN_SECRET): signing needs it back. */
export function sealWebhookSecret(vault: KeyVault, secret: string): string {
  return vault.seal(new TextEncoder().encode(secret));
}

export function openWebhookSecret(vault: KeyVault, sealed: string): string {
  return new TextDecoder().decode(vault.open(sealed));
}

export const webhookInput = z.object({
  url: z
    .string()
    .trim()
    .max(2000, 'Use a shorter URL.')
    .refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), 'Use an http(s) URL such as https://board.example.gov/cairn-notices, or leave it empty to turn the webhook off.'),
});

/**
 * Sets (or clears) a program's completion-notice webhook. Setting one makes a new signing secret,
 * returned once so the recognizer can configure its receiver; only its sealed form is stored.
 */
export async function setNoticeWebhook(deps: CommandDeps & { vault: KeyVault }, actor: Actor, slug: string, programPublicId: string, input: unknown): Promise<{ secret: string | null }> {
  const { url } = parseInput(webhookInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, slug, actor.userId, 'recognition.manage');
    const program = await tx.selectFrom('recognition_programs').select('id').where('organisation_id', '=', organisation.id).where('public_id', '=', programPublicId).executeTakeFirst();
    if (!program) throw notFound('That program');
    const secret = url ? `whsec_${randomBytes(24).toString('base64url')}` : null;
    await tx
      .updateTable('recognition_programs')
      .set({ webhook_url: url || null, webhook_secret_enc: secret ? sealWebhookSecret(deps.vault, secret) : null, updated_at: now })
      .where('id', '=', program.id)
      .execute();
    await recordAudit(tx, { organisationId: organisation.id, actorUserId: actor.userId, action: url ? 'recognition.webhook_set' : 'recognition.webhook_cleared', subjectType: 'recognition_program', subjectId: programPublicId, data: { url: url || null }, ip: actor.ip }, now);
    return { secret };
  });
}

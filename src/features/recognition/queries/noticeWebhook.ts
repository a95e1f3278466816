import type { CommandDeps } from '../../../domain/commands.ts';
import { programSubscriptions } from '../../webhooks/index.ts';

/** The URL a program's completion notices go to, if any. */
export async function noticeWebhookUrl(
  deps: Pick<CommandDeps, 'db'>,
  organisationId: number,
  programPublicId: string,
): Promise<string | null> {
  const [subscription] = await programSubscriptions(deps.db, organisationId, programPublicId);
  return subscription?.url ?? null;
}

import type { Actor, OrganisationActor } from '../../../domain/commands.ts';

/**
 * What an earning command is called with: who acts, the address of what it acts on (typed, parsed
 * first), then the rest of its input as sent (parsed by the command's schema).
 */
export type CommandCall<Address, Who extends OrganisationActor = Actor> = { actor: Who } & Address &
  Record<string, unknown>;

/** A body's fields when it is a JSON object, else none (the command's schema reports what is missing). */
export function fieldsOf(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

import type { Actor } from '../../../domain/commands.ts';

/**
 * The one options object every accounts command takes after its deps: who acts, and the input
 * as it came (a form, JSON, the CLI). The command parses the input with its own zod schema and
 * checks the actor's permission itself.
 */
export type CommandOptions<A = Actor> = { readonly actor: A } & Readonly<Record<string, unknown>>;

/** Someone not (yet) logged in: only where the request came from is known. */
export interface Visitor {
  ip: string | null;
}

import { z } from 'zod';

/** A pathway's requirement tree over micro-credentials and other pathways. */
export type Requirement =
  | { type: 'microCredential'; id: string }
  | { type: 'pathway'; id: string }
  | { type: 'all'; items: Requirement[] }
  | { type: 'ordered'; items: Requirement[] }
  | { type: 'some'; count: number; items: Requirement[] };

export const requirementSchema: z.ZodType<Requirement> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('microCredential'), id: z.string().min(1) }),
    z.object({ type: z.literal('pathway'), id: z.string().min(1) }),
    z.object({ type: z.literal('all'), items: z.array(requirementSchema).min(1).max(50) }),
    z.object({ type: z.literal('ordered'), items: z.array(requirementSchema).min(1).max(50) }),
    z.object({
      type: z.literal('some'),
      count: z.number().int().positive(),
      items: z.array(requirementSchema).min(1).max(50),
    }),
  ]),
) as z.ZodType<Requirement>;

/** What an earner holds: micro-credential public id → when it was earned. */
export type Holdings = ReadonlyMap<string, Date>;

export interface Progress {
  satisfied: boolean;
  /** Leaf requirements met (for “3 of 5”). */
  done: number;
  needed: number;
  /** When the requirement became satisfied (the latest credential it needed). */
  at: Date | null;
}

/**
 * Evaluates a requirement against an earner's credentials. `ordered` needs each item satisfied
 * no earlier than the one before it; `some` needs `count` of its items. Pathways nest (cycles
 * are refused).
 */
export function evaluate(
  req: Requirement,
  held: Holdings,
  pathways: ReadonlyMap<string, Requirement>,
  seen: ReadonlySet<string> = new Set(),
): Progress {
  switch (req.type) {
    case 'microCredential': {
      const at = held.get(req.id) ?? null;
      return { satisfied: at !== null, done: at ? 1 : 0, needed: 1, at };
    }
    case 'pathway': {
      const inner = pathways.get(req.id);
      if (!inner || seen.has(req.id)) return { satisfied: false, done: 0, needed: 1, at: null };
      return evaluate(inner, held, pathways, new Set([...seen, req.id]));
    }
    case 'all':
    case 'ordered': {
      const parts = req.items.map((i) => evaluate(i, held, pathways, seen));
      let satisfied = parts.every((p) => p.satisfied);
      if (satisfied && req.type === 'ordered') {
        for (let i = 1; i < parts.length; i++) if (parts[i]!.at! < parts[i - 1]!.at!) satisfied = false;
      }
      const at = satisfied ? new Date(Math.max(...parts.map((p) => p.at!.getTime()))) : null;
      return {
        satisfied,
        done: parts.reduce((n, p) => n + p.done, 0),
        needed: parts.reduce((n, p) => n + p.needed, 0),
        at,
      };
    }
    case 'some': {
      const parts = req.items.map((i) => evaluate(i, held, pathways, seen));
      const met = parts.filter((p) => p.satisfied).sort((a, b) => a.at!.getTime() - b.at!.getTime());
      const satisfied = met.length >= req.count;
      // Progress counts the cheapest way to satisfy it: the best `count` items.
      const best = [...parts].sort((a, b) => b.done / b.needed - a.done / a.needed).slice(0, req.count);
      return {
        satisfied,
        done: best.reduce((n, p) => n + p.done, 0),
        needed: best.reduce((n, p) => n + p.needed, 0),
        at: satisfied ? met[req.count - 1]!.at : null,
      };
    }
  }
}

/** Every micro-credential id a requirement mentions (directly or through nested pathways). */
export function mentionedMicroCredentials(
  req: Requirement,
  pathways: ReadonlyMap<string, Requirement>,
  seen: Set<string> = new Set(),
): Set<string> {
  if (req.type === 'microCredential') return new Set([req.id]);
  if (req.type === 'pathway') {
    const inner = pathways.get(req.id);
    if (!inner || seen.has(req.id)) return new Set();
    seen.add(req.id);
    return mentionedMicroCredentials(inner, pathways, seen);
  }
  return new Set(req.items.flatMap((i) => [...mentionedMicroCredentials(i, pathways, seen)]));
}

import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../env.ts';

/** Sets the request id and the client's address (from X-Forwarded-For only when TRUST_PROXY). */
export const requestMeta: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) || randomUUID());
  let ip: string | null = null;
  if (c.var.deps.config.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || null;
  if (!ip) {
    try {
      ip = getConnInfo(c).remote.address ?? null;
    } catch {
      ip = null; // in-process requests (tests) have no socket
    }
  }
  c.set('ip', ip);
  await next();
};

import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

/**
 * The default policy for pages: everything from this site only, and no inline scripts or styles
 * (the stylesheet and page scripts are static files under /assets/). A route that serves
 * something stricter (images, the mailbox's HTML view) sets its own, which is kept.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self'",
  "script-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

export const contentSecurityPolicy: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.has('Content-Security-Policy'))
    c.res.headers.set('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
};

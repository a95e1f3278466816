import type { Context } from 'hono';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';

/** What the proof-and-fees routes (HTML and JSON) share. */

export type C = Context<AppEnv>;

/** The acting viewer of a request, as commands take it. */
export const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

/** The uploaded certificate of a multipart request (field `certificate`, or `file`), if any. */
export async function certificateFrom(c: C) {
  const body = await c.req.parseBody();
  const file = body.certificate ?? body.file;
  return file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
}

import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { endorsementRoutes } from './endorsement.tsx';
import { programRoutes } from './programs.tsx';
import { queueRoutes } from './queues.tsx';
import { submissionRoutes } from './submission.tsx';
import { submitRoutes } from './submit.tsx';
import { sessionRoutes } from '../sessions/pages/sessionPages.tsx';

/**
 * Recognition (issue 7): recognizers' programs and review queue; issuers' submissions; the
 * shared thread of one submission; the public JSON of endorsements; and continuing-education
 * sessions (program A: providers ask councils to pre-approve them, then invite their attendees).
 */
export function recognitionRoutes() {
  const r = new Hono<AppEnv>();
  r.route('/', programRoutes());
  r.route('/', queueRoutes());
  r.route('/', submitRoutes());
  r.route('/', submissionRoutes());
  r.route('/', endorsementRoutes());
  r.route('/', sessionRoutes());
  return r;
}

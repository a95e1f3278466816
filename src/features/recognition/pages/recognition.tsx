import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { endorsementRoutes } from './endorsement.tsx';
import { programRoutes } from './programs.tsx';
import { queueRoutes } from './queues.tsx';
import { submissionRoutes } from './submission.tsx';
import { submitRoutes } from './submit.tsx';

/**
 * Recognition (issue 7): recognizers' programs and review queue; issuers' submissions; the
 * shared thread of one submission; and the public JSON of endorsements.
 */
export function recognitionRoutes() {
  const r = new Hono<AppEnv>();
  r.route('/', programRoutes());
  r.route('/', queueRoutes());
  r.route('/', submitRoutes());
  r.route('/', submissionRoutes());
  r.route('/', endorsementRoutes());
  return r;
}

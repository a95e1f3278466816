import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { backpackListRoutes } from './backpackRoutes.tsx';
import { collectionRoutes } from './collectionRoutes.tsx';
import { importedFileRoutes } from './importedFileRoutes.ts';

/** The earner's backpack, collections and the public pages of shared collections. */
export function backpackRoutes() {
  const r = new Hono<AppEnv>();
  r.route('/', backpackListRoutes());
  r.route('/', importedFileRoutes());
  r.route('/', collectionRoutes());
  return r;
}

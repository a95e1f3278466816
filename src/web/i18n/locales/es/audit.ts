import type { CatalogueOf } from '../en.ts';
import type { audit as en } from '../en/audit.ts';

export const audit: CatalogueOf<typeof en> = {};

import type { CatalogueOf } from '../en.ts';
import type { webhooks as en } from '../en/webhooks.ts';

export const webhooks: CatalogueOf<typeof en> = {};

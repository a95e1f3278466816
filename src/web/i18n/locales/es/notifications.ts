import type { CatalogueOf } from '../en.ts';
import type { notifications as en } from '../en/notifications.ts';

export const notifications: CatalogueOf<typeof en> = {};

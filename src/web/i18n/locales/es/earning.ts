import type { CatalogueOf } from '../en.ts';
import type { earning as en } from '../en/earning.ts';

export const earning: CatalogueOf<typeof en> = {};

import type { CatalogueOf } from '../en.ts';
import type { apiDocs as en } from '../en/apiDocs.ts';

export const apiDocs: CatalogueOf<typeof en> = {};

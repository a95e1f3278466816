import type { RouteDoc } from '../http/openapi/describe.ts';
import { apiDocsApiDocs } from '../features/apiDocs/registry.ts';
import { accountApiDocs } from '../features/accounts/api/membersApi.openapi.ts';
import { catalogApiDocs } from '../features/catalog/api/catalogApi.openapi.ts';
import { earningApiDocs } from '../features/earning/api/earningApi.openapi.ts';
import { credentialsApiDocs } from '../features/issuing/api/credentialsApi.openapi.ts';
import { bulkAwardApiDocs } from '../features/issuing/api/bulkAwardApi.openapi.ts';
import { recognitionApiDocs } from '../features/recognition/api/recognitionApi.openapi.ts';
import { vcApiDocs } from '../features/verification/api/vcApi.openapi.ts';
import { auditApiDocs } from '../features/audit/pages/auditLog.openapi.ts';
import { proofAndFeesApiDocs } from '../features/payments/pages/proofAndFees.openapi.ts';
import { ob3ApiDocs } from '../features/ob3api/routes.openapi.ts';
import { webhookApiDocs } from '../features/webhooks/api.openapi.ts';

/** Every described route of the JSON API: each group lives beside its routes' code (a *.openapi.ts). */
export const API_ROUTE_DOCS: readonly RouteDoc[] = [
  ...accountApiDocs,
  ...catalogApiDocs,
  ...earningApiDocs,
  ...proofAndFeesApiDocs,
  ...credentialsApiDocs,
  ...bulkAwardApiDocs,
  ...recognitionApiDocs,
  ...auditApiDocs,
  ...webhookApiDocs,
  ...vcApiDocs,
  ...ob3ApiDocs,
  ...apiDocsApiDocs,
];

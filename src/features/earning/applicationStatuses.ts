import type { ApplicationStatus } from '../../storage/schema.ts';

/** Every status an application can be in, in the order of its life (the `applications.status` column). */
export const APPLICATION_STATUSES = [
  'in_progress',
  'submitted',
  'in_review',
  'needs_revision',
  'passed',
  'expired',
  'withdrawn',
  'rejected',
] as const satisfies readonly ApplicationStatus[];

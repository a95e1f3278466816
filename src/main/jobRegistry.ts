import { deliverMailJob } from '../mail/deliverJob.ts';
import type { JobDefinition } from '../jobs/definition.ts';
import { publishStatusListJob } from '../features/issuing/jobs/statusListJobs.ts';
import { evaluatePathwaysJob } from '../features/issuing/jobs/pathwayJobs.ts';
import {
  earningSchedules,
  issuePassedApplicationJob,
  sweepApplicationsJob,
} from '../features/earning/jobs.ts';
import { maintenanceSchedules, purgeLoginFailuresJob, purgeSessionsJob } from '../features/accounts/jobs.ts';
import type { ScheduleDefinition } from '../jobs/schedules.ts';
import { claimSchedules, remindUnclaimedJob } from '../features/issuing/jobs/claimJobs.ts';
import {
  credentialJwtSchedules,
  fillCredentialJwtsJobDefinition,
} from '../features/issuing/jobs/credentialJwtJobs.ts';
import { checkAwardRunJobDefinition, issueAwardRunJob } from '../features/issuing/jobs/bulkAwardJobs.ts';
import { ledgerJobs, ledgerSchedules } from '../features/credit/jobs.ts';
import { webhookJobs } from '../features/webhooks/deliverJob.ts';
import { notificationJobs, notificationSchedules } from '../features/notifications/jobs.ts';
import { ob3Jobs, ob3Schedules } from '../features/ob3api/jobs.ts';

/** Every job type Cairn runs. */
export const allJobs: JobDefinition<unknown>[] = [
  deliverMailJob,
  purgeSessionsJob,
  purgeLoginFailuresJob,
  publishStatusListJob,
  evaluatePathwaysJob,
  issuePassedApplicationJob,
  sweepApplicationsJob,
  remindUnclaimedJob,
  issueAwardRunJob,
  checkAwardRunJobDefinition,
  fillCredentialJwtsJobDefinition,
  ...ledgerJobs,
  ...webhookJobs,
  ...notificationJobs,
  ...ob3Jobs,
] as JobDefinition<unknown>[];

/** Every recurring schedule. */
export const allSchedules: ScheduleDefinition[] = [
  ...maintenanceSchedules,
  ...earningSchedules,
  ...claimSchedules,
  ...credentialJwtSchedules,
  ...ledgerSchedules,
  ...notificationSchedules,
  ...ob3Schedules,
];

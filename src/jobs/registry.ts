import { deliverMailJob } from '../mail/deliverJob.ts';
import type { JobDefinition } from './definition.ts';
import { publishStatusListJob } from './statusListJobs.ts';
import { evaluatePathwaysJob } from './pathwayJobs.ts';
import { earningSchedules, issuePassedApplicationJob, sweepApplicationsJob } from './earningJobs.ts';
import { maintenanceSchedules, purgeLoginFailuresJob, purgeSessionsJob } from './maintenanceJobs.ts';
import type { ScheduleDefinition } from './schedules.ts';
import { claimSchedules, remindUnclaimedJob } from './claimJobs.ts';
import { checkAwardRunJobDefinition, issueAwardRunJob } from './bulkAwardJobs.ts';
import { ledgerJobs, ledgerSchedules } from './ledgerJobs.ts';
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
  ...ledgerSchedules,
  ...notificationSchedules,
  ...ob3Schedules,
];

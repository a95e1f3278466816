import { z } from 'zod';
import { jobType } from '../../jobs/definition.ts';

/** Issues the signed credential of a passed application (peer-reviewed or proof of completion). */
export const issuePassedApplication = jobType(
  'applications.issue',
  z.object({ applicationId: z.number().int() }),
);

/** The hourly housekeeping of the earning loop: reminders, expiry, reassignment of stale reviews. */
export const applicationsSweep = jobType(
  'applications.sweep',
  z.object({ schedule: z.string().optional(), slot: z.string().optional() }),
);

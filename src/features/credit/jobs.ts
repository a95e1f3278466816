import { createCompletionNotices } from './commands/createCompletionNotices.ts';
import { reverseCredit } from './commands/reverseCredit.ts';
import { sendNoticeDigests } from './commands/sendNoticeDigests.ts';
import {
  notifyRecognizers,
  reverseCredits,
  sendNoticeDigests as sendNoticeDigestsJobType,
} from './jobTypes.ts';
import { defineJob } from '../../jobs/definition.ts';
import type { ScheduleDefinition } from '../../jobs/schedules.ts';

/** Writes the completion notices of a credential issued for a recognized version or pathway. */
export const notifyRecognizersJob = defineJob({
  ...notifyRecognizers,
  async handle({ credentialId }, deps) {
    await createCompletionNotices(deps, { credentialId });
  },
});

/** Reverses the credit of a revoked credential. */
export const reverseCreditsJob = defineJob({
  ...reverseCredits,
  async handle({ credentialId }, deps) {
    await reverseCredit(deps, { credentialId });
  },
});

/**
 * The daily digest: for every program that asks for one, emails its recognition officers the
 * notices that arrived since the last digest. A notice is in one digest only.
 */
export const sendNoticeDigestsJob = defineJob({
  ...sendNoticeDigestsJobType,
  async handle(_payload, deps) {
    await sendNoticeDigests(deps);
  },
});

export const ledgerJobs = [notifyRecognizersJob, reverseCreditsJob, sendNoticeDigestsJob];

/** The daily digest runs once per day slot, whichever process ticks first. */
export const ledgerSchedules: ScheduleDefinition[] = [
  { name: 'recognition-notice-digest', jobType: sendNoticeDigestsJobType.type, everySeconds: 86_400 },
];

import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';

// Emails of recognition-program approval (issue 7), in the layout of mail/templates.tsx (HTML + plain text).

export type SubmissionEvent =
  | 'submitted'
  | 'resubmitted'
  | 'comment'
  | 'changes_requested'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'endorsed';

export interface SubmissionMailData {
  event: SubmissionEvent;
  /** The micro-credential (with its version), pathway or stack submitted. */
  subjectTitle: string;
  programName: string;
  issuerName: string;
  recognizerName: string;
  /** Who wrote: the officer or issuer staff member. */
  actorName: string;
  /** The comment, reasons or requested changes, as written. */
  message: string | null;
  hours?: number | null;
  endsOn?: string | null;
  link: string;
}

function wording(v: SubmissionMailData): { subject: string; lead: string } {
  const what = `“${v.subjectTitle}”`;
  switch (v.event) {
    case 'submitted':
      return {
        subject: `${v.issuerName} submitted ${what} for recognition`,
        lead: `${v.issuerName} asks ${v.recognizerName} to approve ${what} in the program “${v.programName}”. Review it in your queue.`,
      };
    case 'resubmitted':
      return {
        subject: `${v.issuerName} resubmitted ${what} for recognition`,
        lead: `${v.issuerName} resubmitted ${what} for the program “${v.programName}” after your review.`,
      };
    case 'comment':
      return {
        subject: `New comment on ${what} (${v.programName})`,
        lead: `${v.actorName} commented on the submission of ${what} to “${v.programName}”.`,
      };
    case 'changes_requested':
      return {
        subject: `Changes requested for ${what}`,
        lead: `${v.recognizerName} asks for changes before approving ${what} in “${v.programName}”. Make the changes (a changed micro-credential is a new version) and resubmit.`,
      };
    case 'approved':
      return {
        subject: `${what} is recognized by ${v.recognizerName}`,
        lead: `${v.recognizerName} approved ${what} in “${v.programName}” for ${v.hours ?? 0} credit hours${v.endsOn ? `, until ${v.endsOn}` : ''}. Only this version is recognized: a new version needs a new approval.`,
      };
    case 'rejected':
      return {
        subject: `${what} was not approved by ${v.recognizerName}`,
        lead: `${v.recognizerName} rejected the submission of ${what} to “${v.programName}”.`,
      };
    case 'withdrawn':
      return {
        subject: `${v.issuerName} withdrew ${what}`,
        lead: `${v.issuerName} withdrew the submission of ${what} from “${v.programName}”; nothing is left to review.`,
      };
    case 'endorsed':
      return {
        subject: `${v.recognizerName} endorsed ${what}`,
        lead: `${v.recognizerName} issued a signed Open Badges endorsement of ${what}. It is shown on the catalog page and on the badges earned for this version.`,
      };
  }
}

/** Tells the other side of a recognition submission what changed, with a link to the thread. */
export function submissionMail(v: SubmissionMailData): RenderedMail {
  const { subject, lead } = wording(v);
  const reason =
    'You received this because your organisation takes part in this recognition program on Cairn.';
  const quoted = v.message ? `\n\n${v.actorName} wrote:\n${v.message}` : '';
  return {
    template: `recognition_${v.event}`,
    subject,
    text: `Hello,\n\n${lead}${quoted}\n\n${v.link}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>Hello,</p>
        <p>{lead}</p>
        {v.message && (
          <blockquote style="border-left:3px solid #d7dce5;margin:0;padding:0 12px;white-space:pre-wrap">
            <strong>{v.actorName}:</strong> {v.message}
          </blockquote>
        )}
        <Button href={v.link} label="Open the submission" />
      </Layout>,
    ),
  };
}

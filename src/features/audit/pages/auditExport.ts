import { csvCell } from '../../credit/index.ts';
import type { AuditViewRow } from '../queries.ts';

// The JSON API and the CSV export speak English (machine-readable columns and a fixed description);
// the page speaks the reader's language (auditView.tsx, the catalogue's audit.* messages).
const WORDS: Record<string, string> = {
  micro_credential: 'micro-credential',
  api_token: 'API token',
  award_run: 'bulk award',
  program_submission: 'recognition submission',
  user: 'account',
};

/** An action in plain words: `micro_credential.published` → "Micro-credential published". */
export function describeAction(action: string): string {
  const [noun = '', ...rest] = action.split('.');
  const words = [WORDS[noun] ?? noun.replace(/_/g, ' '), ...rest.map((r) => r.replace(/_/g, ' '))]
    .join(' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

/** The event as the JSON endpoint shows it (never a row as-is). */
export function presentEvent(e: AuditViewRow) {
  return {
    id: e.id,
    at: e.created_at.toISOString(),
    action: e.action,
    description: describeAction(e.action),
    actor: e.actor_name,
    actorEmail: e.actor_email,
    subject: { type: e.subject_type, id: e.subject_id },
    ip: e.ip,
    data: e.data,
  };
}

const CSV_HEADER = [
  'when_utc',
  'actor_name',
  'actor_email',
  'action',
  'description',
  'subject_type',
  'subject_id',
  'ip',
  'data',
];

/** The filtered log as CSV, read and written a batch at a time (never held whole). */
export function auditCsvStream(rows: AsyncGenerator<AuditViewRow>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = headerSent ? '' : `${CSV_HEADER.join(',')}\r\n`;
      headerSent = true;
      for (let i = 0; i < 200; i++) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        const e = next.value;
        chunk += `${[when(e.created_at), e.actor_name, e.actor_email, e.action, describeAction(e.action), e.subject_type, e.subject_id, e.ip, JSON.stringify(e.data)].map(csvCell).join(',')}\r\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

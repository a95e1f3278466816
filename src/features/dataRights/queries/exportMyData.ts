import type { Queryable } from '../../../storage/database.ts';

// Reads for the personal data export (exportMyData.ts).

/** One application's evidence items, review attempts, payments and uploaded files. */
export async function applicationDetails(db: Queryable, applicationId: number) {
  const items = await db
    .selectFrom('evidence_items as i')
    .leftJoin('evidence_files as f', 'f.id', 'i.file_id')
    .select([
      'i.part_index',
      'i.kind',
      'i.text_value',
      'i.link_url',
      'i.updated_at',
      'f.id as file_id',
      'f.public_id as file_public_id',
      'f.filename',
      'f.content_type',
      'f.size',
      'f.sha256',
    ])
    .where('i.application_id', '=', applicationId)
    .orderBy('i.part_index')
    .execute();
  const attempts = await db
    .selectFrom('attempts')
    .select([
      'number',
      'evidence',
      'submitted_at',
      'decision',
      'scores',
      'feedback',
      'overall_feedback',
      'reviewed_at',
    ])
    .where('application_id', '=', applicationId)
    .orderBy('number')
    .execute();
  const payments = await db
    .selectFrom('payments')
    .select([
      'public_id',
      'invoice_number',
      'amount_minor',
      'currency',
      'state',
      'provider_reference',
      'paid_at',
      'refunded_at',
      'refund_reason',
      'created_at',
    ])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  const files = await db
    .selectFrom('evidence_files')
    .select(['id', 'public_id', 'filename'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  return { items, attempts, payments, files };
}

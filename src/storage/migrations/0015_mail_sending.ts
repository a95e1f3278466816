import { sql, type Kysely } from 'kysely';

/**
 * An outbox message is claimed ('sending', until a deadline) before it goes to SMTP, so two
 * deliveries of one message (a job whose lease ran out while the SMTP server was slow, run again
 * elsewhere) cannot both send it. A crashed sender's claim runs out and the retry sends it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`alter table mail_outbox drop constraint mail_outbox_status_check`,
    sql`alter table mail_outbox add constraint mail_outbox_status_check check (status in ('queued', 'sending', 'sent', 'kept'))`,
    sql`alter table mail_outbox add column sending_until timestamptz`,
  ];
  for (const statement of statements) await statement.execute(db);
}

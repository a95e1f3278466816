import type { DeliveryLogRow, SubscriptionRow } from './queries.ts';

export function presentSubscription(s: SubscriptionRow) {
  return {
    id: s.public_id,
    url: s.url,
    events: s.events,
    program: s.program_public_id,
    enabled: s.enabled,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

export function presentDelivery(d: DeliveryLogRow) {
  return {
    id: d.public_id,
    event: { id: d.event_id, type: d.event_type },
    state: d.state,
    attempts: d.attempts,
    statusCode: d.status_code,
    response: d.response_snippet,
    error: d.last_error,
    createdAt: d.created_at.toISOString(),
    lastAttemptAt: d.last_attempt_at?.toISOString() ?? null,
    deliveredAt: d.delivered_at?.toISOString() ?? null,
    nextAttemptAt: d.next_attempt_at ? new Date(d.next_attempt_at).toISOString() : null,
    replayOf: d.replay_of_public_id,
  };
}

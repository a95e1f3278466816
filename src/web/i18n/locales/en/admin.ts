/** Platform administration: the site administrator's section of the home page. */
export const admin = {
  home: {
    heading: 'Running this Cairn',
    jobs: {
      heading: 'Background jobs',
      dead: '{count, plural, one {# job} other {# jobs}} out of attempts',
      deadDetail: 'Nothing retries them until you do: read the error, then retry.',
      stuck: '{count, plural, one {# job} other {# jobs}} stuck',
      stuckDetail:
        'Running past their lease, or queued for more than 15 minutes: check that the workers run.',
      retrying: '{count, plural, one {# job} other {# jobs}} retrying after a failure',
      retryingDetail: 'They run again later; after their last attempt they stop.',
      empty: 'No failed or stuck jobs.',
      open: 'Open the job queue',
    },
    mail: {
      heading: 'Mail',
      waiting: '{count, plural, one {# email} other {# emails}} waiting to be sent',
      waitingDetail: 'The oldest is from {since}.',
      kept: '{count, plural, one {# email} other {# emails}} in the developer mailbox',
      keptDetail: 'No mail server is set: mail is kept here instead of being sent.',
      empty: 'No mail waiting to be sent.',
      open: 'Open the mailbox',
      jobs: 'Mail goes out through the job queue',
    },
    organisations: {
      heading: 'Organisations waiting',
      detail:
        '{jobs, plural, =0 {} one {# failed job} other {# failed jobs}}{both, select, yes {, } other {}}{mail, plural, =0 {} one {# email not sent} other {# emails not sent}}',
      empty: 'No organisation has failed jobs or mail waiting.',
      open: 'Open the job queue',
    },
    security: {
      heading: 'Security in the last 7 days',
      detail: '{who} · {when}',
      detailIn: '{who} at {organisation} · {when}',
      someone: 'Someone',
      empty: 'No password, address, token, role, export or deletion events in the last 7 days.',
      actions: {
        user_password_changed: 'Password changed',
        user_password_reset: 'Password reset by link',
        user_email_added: 'Email address added',
        user_email_removed: 'Email address removed',
        user_email_made_primary: 'Primary email address changed',
        user_deleted: 'Account deleted',
        api_token_created: 'API token created',
        api_token_revoked: 'API token revoked',
        member_roles_changed: 'Member roles changed',
        member_removed: 'Member removed',
        invitation_accepted: 'Invitation accepted',
        organisation_exported: 'Organisation data downloaded',
        webhook_created: 'Webhook created',
        webhook_deleted: 'Webhook deleted',
      },
    },
  },
} as const;

/** Typed paths of the administration pages (the job queue, the developer mailbox): build links with these. */
export const adminPaths = {
  /** The job queue: the dead jobs, or with 'all' the latest of every status. */
  jobs: (status?: 'all') => `/admin/jobs${status ? `?status=${status}` : ''}`,
  /** POST only: queues a dead job again. */
  retryJob: (jobId: number | string) => `/admin/jobs/${jobId}/retry`,
  /** The developer mailbox, optionally only the mail to one address. */
  mailbox: (to?: string) => `/dev/mailbox${to ? `?${new URLSearchParams({ to }).toString()}` : ''}`,
  mailMessage: (messagePublicId: string) => `/dev/mailbox/${messagePublicId}`,
  mailMessageHtml: (messagePublicId: string) => `/dev/mailbox/${messagePublicId}/html`,
};

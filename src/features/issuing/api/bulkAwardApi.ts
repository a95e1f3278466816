import { Hono } from 'hono';
import { AppError } from '../../../domain/errors.ts';
import { createAwardRun, requestDryRun, startAwardRun } from '../commands/bulkAward.ts';
import { suggestMapping } from '../commands/awardRoster.ts';
import { awardProblems, awardProgress } from '../queries/awardRuns.ts';
import type { AppEnv } from '../../../http/env.ts';
import { issuingOrganisation } from '../issuerAccess.ts';
import { issuingPaths } from '../paths.ts';

/** Largest CSV body accepted here (streamed: memory stays flat whatever the size). */
export const MAX_ROSTER_STREAM_MB = 1024;

/** Passes the body through, refusing it past MAX_ROSTER_STREAM_MB (this route skips the buffering body limit). */
async function* limited(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_ROSTER_STREAM_MB * 1024 * 1024)
      throw new AppError(
        'validation_failed',
        `That file is too large (${MAX_ROSTER_STREAM_MB} MB at most).`,
        { file: 'The file is too large.' },
      );
    yield chunk;
  }
}

/**
 * Bulk awards over HTTP: the CSV is the request body (Content-Type text/csv), read as a stream,
 * so a file of any size uploads with flat memory. The bulk award page's upload uses it too when
 * the browser runs scripts (the plain form posts multipart, up to 50 MB).
 */
export function bulkAwardApiRoutes() {
  const r = new Hono<AppEnv>();
  const base = '/api/v1/orgs/:slug/award-runs';

  r.post(base, async (c) => {
    const { organisation, actor } = await issuingOrganisation(c, 'awards:run');
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/(csv|plain)\b/.test(type))
      throw new AppError(
        'validation_failed',
        'Send the CSV file as the request body with Content-Type: text/csv.',
      );
    const body = c.req.raw.body;
    if (!body)
      throw new AppError('validation_failed', 'The request has no body: send the CSV file.', {
        file: 'Choose a CSV file to upload.',
      });
    const run = await createAwardRun(c.var.deps, {
      microCredential: c.req.query('microCredential') ?? '',
      fileName: c.req.query('fileName') ?? 'roster.csv',
      source: limited(body as unknown as AsyncIterable<Uint8Array>),
      organisationId: organisation.id,
      actor,
    });
    return c.json(
      {
        run: run.publicId,
        total: run.total,
        header: run.header,
        suggestedMapping: suggestMapping(run.header),
        page: issuingPaths.awardRun(organisation.slug, run.publicId),
      },
      201,
    );
  });

  r.get(`${base}/:run`, async (c) => {
    const { organisation } = await issuingOrganisation(c, 'awards:run');
    return c.json(await awardProgress(c.var.deps.db, organisation.id, c.req.param('run')));
  });

  r.get(`${base}/:run/problems`, async (c) => {
    const { organisation } = await issuingOrganisation(c, 'awards:run');
    const rows = await awardProblems(c.var.deps.db, organisation.id, c.req.param('run'), 1000);
    return c.json({
      rows: rows.map((p) => ({ line: p.row_number, email: p.email, state: p.state, error: p.error })),
    });
  });

  r.post(`${base}/:run/mapping`, async (c) => {
    const { organisation, actor } = await issuingOrganisation(c, 'awards:run');
    const mapping: unknown = await c.req.json().catch(() => undefined);
    if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping))
      throw new AppError(
        'validation_failed',
        'Send the mapping as a JSON object, e.g. {"email":"Email","name":"Full Name"}.',
      );
    const summary = await requestDryRun(c.var.deps, {
      run: c.req.param('run'),
      mapping,
      organisationId: organisation.id,
      actor,
    });
    if (!summary) return c.json(await awardProgress(c.var.deps.db, organisation.id, c.req.param('run')), 202);
    return c.json(summary);
  });

  r.post(`${base}/:run/issue`, async (c) => {
    const { organisation, actor } = await issuingOrganisation(c, 'awards:run');
    await startAwardRun(c.var.deps, { run: c.req.param('run'), organisationId: organisation.id, actor });
    return c.json(await awardProgress(c.var.deps.db, organisation.id, c.req.param('run')), 202);
  });

  return r;
}

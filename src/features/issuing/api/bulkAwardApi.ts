import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { createAwardRun, requestDryRun, startAwardRun } from '../commands/bulkAward.ts';
import { suggestMapping } from '../commands/awardRoster.ts';
import { awardProblems, awardProgress } from '../queries/awardRuns.ts';
import type { AppEnv } from '../../../http/env.ts';
import { issuingOrganisation } from '../issuerAccess.ts';
import { issuingPaths } from '../paths.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** The run in the path (an id that cannot be one is not found, like an unknown one). */
const runParams = z.object({ slug: slugParam, run: publicIdParam });
const runOf = (c: Context<AppEnv>) => routeParams(c, runParams, { what: 'awardRun' }).run;

/** The upload's query: which micro-credential, and the file's name to show. */
const uploadQuery = z.object({
  microCredential: z.string().default(''),
  fileName: z.string().default('roster.csv'),
});

/** The mapping body: a JSON object of field → column (the command checks the fields and columns). */
const mappingBody = z.record(z.string(), z.unknown(), {
  message: 'Send the mapping as a JSON object, e.g. {"email":"Email","name":"Full Name"}.',
});

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
        commandMessage('errors.issuing.bulk.tooLarge', { max: MAX_ROSTER_STREAM_MB }),
        { file: commandMessage('errors.issuing.bulk.tooLargeShort') },
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
      throw new AppError('validation_failed', commandMessage('errors.issuing.bulk.contentType'));
    const body = c.req.raw.body;
    if (!body)
      throw new AppError('validation_failed', commandMessage('errors.issuing.bulk.noBody'), {
        file: commandMessage('errors.issuing.bulk.chooseFile'),
      });
    const query = uploadQuery.parse(c.req.query());
    const run = await createAwardRun(c.var.deps, {
      microCredential: query.microCredential,
      fileName: query.fileName,
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
    return c.json(await awardProgress(c.var.deps.db, organisation.id, runOf(c)));
  });

  r.get(`${base}/:run/problems`, async (c) => {
    const { organisation } = await issuingOrganisation(c, 'awards:run');
    const rows = await awardProblems(c.var.deps.db, organisation.id, runOf(c), 1000);
    return c.json({
      rows: rows.map((p) => ({ line: p.row_number, email: p.email, state: p.state, error: p.error })),
    });
  });

  r.post(`${base}/:run/mapping`, async (c) => {
    const { organisation, actor } = await issuingOrganisation(c, 'awards:run');
    const run = runOf(c);
    const parsed = mappingBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) throw new AppError('validation_failed', parsed.error.issues[0]!.message);
    const summary = await requestDryRun(c.var.deps, {
      run,
      mapping: parsed.data,
      organisationId: organisation.id,
      actor,
    });
    if (!summary) return c.json(await awardProgress(c.var.deps.db, organisation.id, run), 202);
    return c.json(summary);
  });

  r.post(`${base}/:run/issue`, async (c) => {
    const { organisation, actor } = await issuingOrganisation(c, 'awards:run');
    const run = runOf(c);
    await startAwardRun(c.var.deps, { run, organisationId: organisation.id, actor });
    return c.json(await awardProgress(c.var.deps.db, organisation.id, run), 202);
  });

  return r;
}

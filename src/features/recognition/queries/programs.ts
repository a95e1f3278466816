import { sql } from 'kysely';
import type { Queryable } from '../../../storage/database.ts';

/**
 * Programs an issuer can submit to: every open program of recognizer organisations, with what
 * relevance is judged by (the recognizer's approvals of this issuer, the tags of the
 * micro-credentials each program has approved). An organisation of kind "both" sees its own.
 */
export async function openPrograms(db: Queryable, issuerOrganisationId: number) {
  return db
    .selectFrom('recognition_programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.public_id',
      'p.name',
      'p.license_name',
      'p.unit_rule',
      'p.fixed_hours',
      'p.hours_required',
      'p.description',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.slug as organisation_slug',
    ])
    .select(
      sql<number>`(select count(*) from program_submissions s where s.program_id = p.id and s.status = 'approved' and s.issuer_organisation_id = ${issuerOrganisationId})`.as(
        'approved_for_issuer',
      ),
    )
    .select(
      sql<
        string[]
      >`array(select distinct lower(x.t) from program_submissions s join micro_credential_versions v on v.micro_credential_id = s.micro_credential_id and v.version = s.micro_credential_version cross join lateral (select unnest(v.tags) union all select a->>'name' from jsonb_array_elements(v.alignments) a union all select a->>'url' from jsonb_array_elements(v.alignments) a) as x(t) where s.program_id = p.id and s.status = 'approved' and x.t is not null limit 200)`.as(
        'approved_tags',
      ),
    )
    .where('p.archived_at', 'is', null)
    .where('o.kind', 'in', ['recognizer', 'both'])
    .where((eb) => eb.or([eb('o.id', '!=', issuerOrganisationId), eb('o.kind', '=', 'both')]))
    .orderBy('o.name')
    .orderBy('p.name')
    .execute();
}

/** An open program of the organisation with that name (other than `exceptProgramId`). */
export async function sameNameProgram(
  db: Queryable,
  organisationId: number,
  name: string,
  exceptProgramId?: number,
) {
  let q = db
    .selectFrom('recognition_programs')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .where('archived_at', 'is', null);
  if (exceptProgramId !== undefined) q = q.where('id', '!=', exceptProgramId);
  return q.executeTakeFirst();
}

/** One program of a recognizer, every column. */
export async function programOf(db: Queryable, organisationId: number, programPublicId: string) {
  return db
    .selectFrom('recognition_programs')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', programPublicId)
    .executeTakeFirst();
}

/** A recognizer's programs with their count of approved submissions, open ones first. */
export async function programsOf(db: Queryable, organisationId: number) {
  return db
    .selectFrom('recognition_programs as p')
    .select([
      'p.public_id',
      'p.name',
      'p.license_name',
      'p.cycle_years',
      'p.hours_required',
      'p.unit_rule',
      'p.fixed_hours',
      'p.cap_hours_per_cycle',
      'p.archived_at',
    ])
    .select(
      sql<number>`(select count(*) from program_submissions s where s.program_id = p.id and s.status = 'approved')`.as(
        'approved',
      ),
    )
    .where('p.organisation_id', '=', organisationId)
    .orderBy('p.archived_at', (ob) => ob.desc().nullsFirst())
    .orderBy('p.name')
    .execute();
}

/** Every program of a recognizer by name, every column (the JSON API). */
export async function programRowsOf(db: Queryable, organisationId: number) {
  return db
    .selectFrom('recognition_programs')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
}

/** Recognizer organisations with a program, for the catalog's "Recognized by" filter. */
export async function recognizerOptions(db: Queryable) {
  return db
    .selectFrom('organisations as o')
    .select(['o.slug', 'o.name'])
    .where('o.kind', '!=', 'issuer')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('recognition_programs as p').select('p.id').whereRef('p.organisation_id', '=', 'o.id'),
      ),
    )
    .orderBy('o.name')
    .limit(200)
    .execute();
}

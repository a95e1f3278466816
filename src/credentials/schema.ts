import { readFileSync } from 'node:fs';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import { createRequire } from 'node:module';
import type { FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS; require() gives the plugin function itself.
const addFormats = createRequire(import.meta.url)('ajv-formats') as FormatsPlugin;

const load = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./schemas/${file}`, import.meta.url), 'utf8'));

let compiled:
  | { achievement: ValidateFunction; endorsement: ValidateFunction; achievementAlone: ValidateFunction }
  | undefined;
function validators() {
  if (!compiled) {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    const credentialSchema = load('achievementcredential.json');
    const achievement = ajv.compile(credentialSchema);
    compiled = {
      achievement,
      endorsement: ajv.compile(load('endorsementcredential.json')),
      // The schema's own Achievement definition, for an Achievement published on its own.
      achievementAlone: ajv.compile({ $ref: `${String(credentialSchema.$id)}#/$defs/Achievement` }),
    };
  }
  return compiled;
}

export interface SchemaResult {
  valid: boolean;
  errors: string[];
}

// This copy of the official schema types `proof` and `credentialSchema` as arrays while VC 2.0
// (and the 1EdTech signed vector) use a single object; wrap for validation only.
function forValidation(credential: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...credential };
  for (const key of ['proof', 'credentialSchema'] as const)
    if (copy[key] !== undefined && !Array.isArray(copy[key])) copy[key] = [copy[key]];
  return copy;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .slice(0, 20)
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${String(e.params.allowedValues)})` : ''}`,
    );
}

/** Validates an AchievementCredential / OpenBadgeCredential against the official OB 3.0 JSON Schema. */
export function validateAchievementCredential(credential: Record<string, unknown>): SchemaResult {
  const v = validators().achievement;
  const valid = v(forValidation(credential));
  return { valid, errors: valid ? [] : describe(v.errors) };
}

/** Validates an EndorsementCredential against the official OB 3.0 JSON Schema. */
export function validateEndorsementCredential(credential: Record<string, unknown>): SchemaResult {
  const v = validators().endorsement;
  const valid = v(forValidation(credential));
  return { valid, errors: valid ? [] : describe(v.errors) };
}

/** Validates a standalone OB 3.0 Achievement against the Achievement definition of the official schema. */
export function validateAchievement(achievement: Record<string, unknown>): SchemaResult {
  const v = validators().achievementAlone;
  const valid = v(achievement);
  return { valid, errors: valid ? [] : describe(v.errors) };
}

import { z } from 'zod';
import { LOCALES, type Locale } from '../../../web/i18n/i18n.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { setUserLocale } from '../queries/profile.ts';
import { accountMessage } from '../messages.ts';
import type { CommandOptions } from './options.ts';

/** A language Cairn speaks, or '' / null for "as my browser says". */
export const chooseLocaleInput = z.object({
  locale: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.enum(LOCALES, { message: accountMessage('chooseLanguage') }).nullable(),
  ),
});

/** Saves the language the person chose for Cairn's pages and mail (null: follow the browser). */
export async function chooseLocale(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions,
): Promise<{ locale: Locale | null }> {
  const { locale } = parseInput(chooseLocaleInput, input);
  await setUserLocale(deps.db, actor.userId, locale, deps.clock.now());
  return { locale };
}

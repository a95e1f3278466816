import { useT } from '../../../../web/i18n/context.ts';
import type { Translator } from '../../../../web/i18n/i18n.ts';
import { SelectField, Field, TextArea, type FormState } from '../../../../web/forms.tsx';
import { DEFAULT_CONTENT_LANGUAGE, type SpanishEdition } from '../../languageEditions.ts';

/** The design form's languages (issue 14): the issuer's language and an optional Spanish edition. */

type Fields = Record<string, string | string[]>;
const str = (f: Fields, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '');

/** The languages the form offers for the issuer's own words (an API may have set another). */
const OFFERED = ['en', 'es', 'fr', 'pt'] as const;

const NAME = 'spanishEdition.name';
const DESCRIPTION = 'spanishEdition.description';
const CRITERIA = 'spanishEdition.criteria';

/** The form's language fields as the design's: no Spanish edition when its three fields are empty. */
export function languageEditionFromForm(f: Fields): {
  inLanguage: string;
  spanishEdition: { name: string; description: string; criteria: string } | undefined;
} {
  const edition = { name: str(f, NAME), description: str(f, DESCRIPTION), criteria: str(f, CRITERIA) };
  const written = Object.values(edition).some((v) => v.trim() !== '');
  return { inLanguage: str(f, 'inLanguage'), spanishEdition: written ? edition : undefined };
}

/** The form's values of a design's languages. */
export function languageEditionFormValues(d: {
  inLanguage?: string | undefined;
  spanishEdition?: SpanishEdition | undefined;
}): Record<string, string> {
  return {
    inLanguage: d.inLanguage ?? DEFAULT_CONTENT_LANGUAGE,
    [NAME]: d.spanishEdition?.name ?? '',
    [DESCRIPTION]: d.spanishEdition?.description ?? '',
    [CRITERIA]: d.spanishEdition?.criteria ?? '',
  };
}

const isOffered = (code: string): code is (typeof OFFERED)[number] =>
  (OFFERED as readonly string[]).includes(code);

/** A language's name in the reader's words: "English", "Spanish"; one the form does not offer by its code. */
export function languageName(t: Translator['t'], code: string): string {
  return isOffered(code)
    ? t(`languageEditions.languages.${code}`)
    : t('languageEditions.languages.other', { code });
}

/** The "Languages" field group: the language the design is written in, then its Spanish name and description. */
export function LanguageEditionFields({ form }: { form: FormState }) {
  const { t } = useT();
  const chosen = form.values.inLanguage || DEFAULT_CONTENT_LANGUAGE;
  const options: Array<[string, string]> = OFFERED.map((code) => [code, languageName(t, code)]);
  if (!isOffered(chosen)) options.push([chosen, languageName(t, chosen)]);
  return (
    <fieldset>
      <legend>{t('languageEditions.legend')}</legend>
      <p class="hint">{t('languageEditions.intro')}</p>
      {form.errors.spanishEdition && <p class="error-text">{form.errors.spanishEdition}</p>}
      <SelectField
        form={form}
        name="inLanguage"
        label={t('languageEditions.inLanguage')}
        options={options}
        value={chosen}
      />
      <Field form={form} name={NAME} label={t('languageEditions.spanishName')} />
      <TextArea
        form={form}
        name={DESCRIPTION}
        label={t('languageEditions.spanishDescription')}
        hint={t('languageEditions.spanishDescriptionHint')}
        rows={4}
      />
      <TextArea
        form={form}
        name={CRITERIA}
        label={t('languageEditions.spanishCriteria')}
        hint={t('languageEditions.spanishCriteriaHint')}
        rows={3}
      />
      <p class="hint">{t('languageEditions.noSpanishEdition')}</p>
    </fieldset>
  );
}

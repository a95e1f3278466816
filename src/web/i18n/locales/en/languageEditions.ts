/** Messages of a design's languages: the language its issuer writes in and its Spanish edition (issue 14). */
export const languageEditions = {
  legend: 'Languages',
  intro:
    'Badge content stays in the language you write it in. You may add a Spanish name and description: Cairn shows them to people who read Cairn in Spanish, and publishes them with the badge as its Spanish edition.',
  inLanguage: 'Language this design is written in',
  languages: {
    en: 'English',
    es: 'Spanish',
    fr: 'French',
    pt: 'Portuguese',
    other: 'Other ({code})',
  },
  spanishName: 'Spanish name',
  spanishDescription: 'Spanish description',
  spanishDescriptionHint:
    'The competency statement, a blank line, then the description, as in the design above.',
  spanishCriteria: 'Spanish criteria (optional)',
  spanishCriteriaHint: 'Leave empty to show the criteria as written above.',
  noSpanishEdition: 'Leave the three Spanish fields empty for no Spanish edition.',
  /** The designer's preview of a design with a Spanish edition: both editions, each labelled with its language. */
  preview: {
    issuersEdition: 'As you wrote it',
    spanishEdition: 'Spanish edition',
    spanishHint:
      'What people who read Cairn in Spanish see: the Spanish name and description (and criteria, if you wrote them); the rest as you wrote it.',
  },
};

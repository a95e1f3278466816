/**
 * What a person reads when a field does not pass a check that has no message of its own (the
 * zod error map in src/web/i18n/validationMessages.ts words them from here).
 */
export const validation = {
  required: 'Fill this in.',
  textMin: 'Use at least {minimum} characters.',
  textMax: 'Use at most {maximum} characters.',
  numberMin: 'Enter {minimum} or more.',
  numberMax: 'Enter {maximum} or less.',
  numberAbove: 'Enter more than {minimum}.',
  numberBelow: 'Enter less than {maximum}.',
  listMin: 'Choose at least {minimum}.',
  listMax: 'Choose at most {maximum}.',
  number: 'Enter a number.',
  wholeNumber: 'Enter a whole number.',
  date: 'Enter a date as YYYY-MM-DD.',
  yesNo: 'Choose yes or no.',
  text: 'Enter text here.',
  list: 'Choose from the list.',
  email: 'Enter an email address like name@example.org.',
  url: 'Enter a full address such as https://example.org.',
  format: 'This is not in the expected format.',
  option: 'Choose one of the options offered.',
  multipleOf: 'Enter a multiple of {divisor}.',
  unknownFields: 'Remove what this does not accept: {keys}.',
  invalid: 'This value is not valid.',
};

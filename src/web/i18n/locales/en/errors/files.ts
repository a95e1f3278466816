import { bakingMessages } from '../../../../../credentials/baking/messages.ts';

/**
 * Why an uploaded file cannot be read: a CSV roster (each line error names the line people look
 * up) and a badge image to bake or read (its English lives beside the credentials engine, which
 * imports nothing from the web layer).
 */
export const files = {
  csv: {
    tooManyFields: 'Line {line}: more than {max} fields.',
    quoteNotClosed: 'Line {line}: a quoted field is never closed (a quote is missing).',
    closingQuote:
      'Line {line}: a quoted field must end with a quote followed by "{delimiter}" or the end of the line.',
    closingQuoteTab:
      'Line {line}: a quoted field must end with a quote followed by a tab or the end of the line.',
    quoteInField:
      'Line {line}: a quote appears in the middle of a field. Put the whole field in quotes and write the quote twice ("").',
    recordTooLong: 'Line {line}: a record is longer than {max} bytes (is a quote missing?).',
    notCsv: 'Line {line}: this is not valid CSV ({reason}).',
    notUtf8: 'The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.',
  },
  baking: bakingMessages,
};

/** Refusals of the webhook commands. */
export const webhooks = {
  giveUrl: 'Give the URL of your receiver.',
  giveUrlExample: 'Give the URL of your receiver, such as https://example.org/cairn-events.',
  urlLong: 'Use a shorter URL.',
  urlForm:
    'Use an http(s) URL without a user name or password in it, such as https://example.org/cairn-events.',
  chooseEvent: 'Choose at least one event.',
  eventsFromList: 'Choose events from the list: {events}.',
  privateAddress: 'This address is on a private network: Cairn only calls public addresses.',
  cannotCall: 'Cairn cannot call that address.',
  tooManyField: 'An organisation may have {maximum} webhooks. Delete one you no longer use.',
  tooMany: 'Too many webhooks.',
  onOrOff: 'Say whether the webhook is on (true) or off (false).',
  turnedOff: 'This webhook is turned off: turn it on before sending events again.',
};

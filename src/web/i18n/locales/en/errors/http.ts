/** What the HTTP kit (src/http) answers a request it refuses. */
export const http = {
  badAddress: 'The address of this request is not valid.',
  logIn: 'Please log in to continue.',
  otherSite: 'This form was sent from another site and was refused.',
  formExpired: 'Your form expired or came from somewhere else. Reload the page and try again.',
  noSuchResource: 'No such resource.',
  bodyNul:
    'The body contains a NUL character (\\u0000), which no text here may hold. Remove it and send again.',
  bodyNulField: 'No NUL characters.',
  bodyNotJson: 'The body must be JSON.',
  bodyNotObject: 'The request body must be a JSON object.',
  tokenScope:
    'This API token may not do that: it needs the “{scope}” scope. Create a token with that scope on the organisation’s API tokens page.',
  tokenCannot: 'An API token cannot do that: a member has to, signed in to Cairn.',
  tokenInvalid: 'That API token is not valid (revoked, or mistyped).',
};

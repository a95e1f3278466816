/** The home page's frame (the sections' own words come from its loader). */
export const home = {
  title: 'Home',
  welcomeTitle: 'Welcome',
  greeting: 'Welcome, {name}',
  now: 'Now:',
  createOrganisation: 'Create an organisation',
  visitor: {
    heading: 'Micro-credentials people can trust',
    intro:
      'Cairn runs micro-credential programs from end to end: professionals apply and show evidence of one competency, trained peers review it against a rubric, issuers award signed Open Badges 3.0 credentials anyone can verify, and licensing boards and certification councils approve programs and count the badges toward renewal.',
    signUp: 'Create an account',
    logIn: 'Log in',
  },
} as const;

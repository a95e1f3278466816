/** Messages of the pictures: badge images, issuer marks, progress rings, pathway maps and charts. */
export const pictures = {
  issuerLogo: 'Logo of {name}',
  progress: {
    hours: '{value} h of {max} h',
    percent: '{percent}% complete',
    toGo: '{count} h to go',
    met: 'Requirement met',
    over: 'Requirement met, with {count} h more than needed',
    steps: '{done} of {total} steps earned',
  },
  map: {
    title: 'Map of the pathway {name}',
    summary:
      '{earned, plural, one {# step earned} other {# steps earned}}, {missing, plural, one {# still to earn} other {# still to earn}}.',
    structure: '{count, plural, one {# step} other {# steps}}. The list below names each one.',
    earned: 'Earned',
    earnedOn: 'Earned {date}',
    missing: 'Still to earn',
    apply: 'Still to earn: open it to apply',
    notNeeded: 'Not needed',
    notOffered: 'Not offered at the moment',
    step: 'Step',
    legend: 'Key',
    groupDone: 'Done',
  },
  chart: {
    table: 'The numbers as a table',
    empty: 'Nothing to show yet.',
    highest: 'Highest: {label} ({value}).',
    allZero: 'Every value is zero.',
  },
  analytics: {
    charts: 'At a glance',
    applications: 'Applications per micro-credential',
    passRate: 'First-time pass rate',
    overTime: 'Applications over the last 12 months',
    microCredential: 'Micro-credential',
    count: 'Applications',
    rate: 'Pass rate',
    month: 'Month',
  },
  home: {
    passRates: 'First-time pass rate by micro-credential',
  },
  backpack: {
    issuerUnknown: 'Issuer unknown',
  },
};

/** Messages of the credit pages (licenses, transcripts). */
export const credit = {
  transcript: {
    heading: 'Transcript',
    explain:
      '{issuer} signs your transcript as a CLR 2.0 credential that anyone can check at /verify. Each download is a newly signed copy, recorded in {issuer}’s audit log.',
    download: 'Download signed transcript',
    printable: 'Printable transcript',
    notYet: 'A transcript is available once your license is confirmed and a credential is credited to it.',
  },
};

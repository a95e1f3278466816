import { useT } from '../../../web/i18n/context.ts';
import { recognitionPaths } from '../paths.ts';
import type { RecognitionPanelData } from './recognitionPanelLoader.ts';

export type { RecognitionPanelData } from './recognitionPanelLoader.ts';

/** "Recognized by X for N hours" (approved, in force, for exactly this version) and the endorsements. */
export function RecognitionPanel({ data }: { data: RecognitionPanelData }) {
  const { t, date } = useT();
  if (!data.recognitions.length && !data.endorsements.length) return null;
  return (
    <section class="card" aria-label={t('recognition.panel.label')}>
      {data.recognitions.length > 0 && (
        <ul class="stack-1">
          {data.recognitions.map((r) => {
            const names = { program: r.programName, license: r.licenseName };
            return (
              <li>
                <strong>
                  {t('recognition.panel.recognizedBy', {
                    recognizer: r.recognizerName,
                    hours: r.hoursGranted,
                  })}
                </strong>{' '}
                <span class="muted">
                  {r.endsOn
                    ? t('recognition.panel.detailsUntil', {
                        ...names,
                        until: date(new Date(`${r.endsOn}T00:00:00Z`)),
                      })
                    : t('recognition.panel.details', names)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {data.endorsements.length > 0 && (
        <ul class="stack-1 mt-4">
          {data.endorsements.map((e) => (
            <li>
              {e.comment
                ? t('recognition.panel.endorsedByWithComment', {
                    recognizer: e.recognizerName,
                    comment: e.comment,
                  })
                : t('recognition.panel.endorsedBy', { recognizer: e.recognizerName })}{' '}
              — <a href={recognitionPaths.endorsement(e.publicId)}>{t('recognition.panel.signed')}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The public face of features/recognition: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { noticeWebhookUrl, setNoticeWebhook } from './commands/completionNoticeWebhook.ts';
export { requireRecognizer } from './commands/recognitionPrograms.ts';
export { RecognitionPanel, recognitionPanelData, recognizerOptions } from './pages/recognitionView.tsx';
export { recognitionsForCatalog, recognitionsForCredential } from './queries/recognition.ts';

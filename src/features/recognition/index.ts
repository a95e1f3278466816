/**
 * The public face of features/recognition: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { setNoticeWebhook } from './commands/setNoticeWebhook.ts';
export { noticeWebhookUrl } from './queries/noticeWebhook.ts';
export { requireRecognizer } from './commands/requireRecognizer.ts';
export { recognitionPaths } from './paths.ts';
export { RecognitionPanel } from './pages/recognitionView.tsx';
export { recognitionPanelData } from './pages/recognitionPanelLoader.ts';
export { recognizerOptions } from './queries/programs.ts';
export { recognitionsForCatalog, recognitionsForCredential } from './queries/recognition.ts';
export { chosenSession, sessionChoiceInput } from './sessions/commands/chosenSession.ts';
export { approvedSessionsOf } from './sessions/queries/sessions.ts';
export { invitationPath, SESSION_QUERY, sessionPaths } from './sessions/paths.ts';

// The sessions module's public surface: what src/cli.ts, openTui, exec mode and tests use.
export { startRecording, tryStartRecording, Recorder, operatorName, type RecordingOptions, type RecordingTarget } from './recorder.js';
export { runSessionsCli, SESSIONS_HELP, type SessionsCliIo } from './sessionsCli.js';
export { isSessionSubcommand, SESSION_SUBCOMMANDS, type SessionSubcommand } from './subcommands.js';
export { readSession, sessionStatus, recorderAlive, type LoadedSession, type SessionStatus } from './sessionReader.js';
export { listSessionRefs, resolveSession, defaultSessionsDir, createSessionDir, SessionLookupError, type SessionRef } from './sessionStore.js';
export { summarise, type SessionSummary } from './sessionSummary.js';
export { exportSession, exportJsonl, writeExportFile, EXPORT_FORMATS, type ExportFormat } from './exportSession.js';
export { exportCast } from './exportCast.js';
export { exportMarkdown } from './exportMarkdown.js';
export { parseCast, castProblems } from './castFormat.js';
export { appendNote, appendMark, findLiveSession, pairTarget } from './pairing.js';
export { redactCommandLine, redactText, redactDeep, SecretRegistry } from './redact.js';
export type { RecordedEvent, StartEvent, EndEvent, NoteEvent, MarkEvent } from './sessionEvents.js';

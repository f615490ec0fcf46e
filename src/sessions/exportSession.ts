// `zkpilot export ID --format cast|md|jsonl [-o FILE]`: one entry point over the three exporters.
// Files are written 0600 (a recording is operational detail) and atomically (tmp + rename), so a
// half-written export never sits where a postmortem expects a whole one.
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { exportCast } from './exportCast.js';
import { exportMarkdown } from './exportMarkdown.js';
import { FILE_MODE } from './jsonlFile.js';
import { redactDeep } from './redact.js';
import type { LoadedSession } from './sessionReader.js';

export const EXPORT_FORMATS = ['cast', 'md', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** The raw events, one per line; damaged lines are left out, every string redacted again. */
export function exportJsonl(session: LoadedSession): string {
  return session.events.map((e) => JSON.stringify(redactDeep(e))).join('\n') + (session.events.length ? '\n' : '');
}

export function exportSession(session: LoadedSession, format: ExportFormat): string {
  switch (format) {
    case 'cast':
      return exportCast(session);
    case 'md':
      return exportMarkdown(session);
    case 'jsonl':
      return exportJsonl(session);
  }
}

export function writeExportFile(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: FILE_MODE });
  chmodSync(tmp, FILE_MODE);
  renameSync(tmp, file);
}

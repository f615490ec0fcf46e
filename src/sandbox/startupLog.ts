// server.log bookkeeping: each launch appends a marker line, so that when a node dies we quote
// the errors of *that* launch (e.g. "My id 4 not in the peer list"), not an older run's.
import { promises as fs } from 'node:fs';
import { logFilePath } from './nodeFiles.js';

const MARKER = '==== zkpilot sandbox: launching node';

export async function appendLaunchMarker(dir: string, id: number): Promise<void> {
  await fs.appendFile(logFilePath(dir), `${MARKER} ${id} at ${new Date().toISOString()} ====\n`);
}

async function lastLaunchLines(dir: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(logFilePath(dir), 'utf8');
  } catch {
    return [];
  }
  const start = text.lastIndexOf(MARKER);
  return text.slice(start < 0 ? 0 : start).trimEnd().split('\n');
}

/** Last `count` lines of the node's log. */
export async function logTail(dir: string, count = 20): Promise<string> {
  try {
    const text = await fs.readFile(logFilePath(dir), 'utf8');
    return text.trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '';
  }
}

/**
 * The lines that explain why the latest launch failed: ERROR/FATAL lines and exception messages
 * (not their `at ...` frames), else the last few lines when the JVM said nothing telling.
 */
export async function launchErrors(dir: string, max = 6): Promise<string[]> {
  const lines = (await lastLaunchLines(dir)).slice(1);
  const exceptionLine = /^(Caused by: |Exception in thread |Error: |[\w.$]+(Exception|Error)\b)/;
  const telling = lines.filter((l) => / (ERROR|FATAL) /.test(l) || exceptionLine.test(l));
  return (telling.length > 0 ? telling : lines).slice(-max);
}

// `zkpilot follow` when stdout is not a terminal (a pipe, a log file, `| grep`): the session's
// lines as plain text, one per event worth reading, until the recording ends or the signal aborts.
import { describeRecorded } from './eventWords.js';
import { FileTail } from './fileTail.js';
import { isEnd, isRecordedEvent, isStart, num, str } from './sessionEvents.js';
import type { SessionRef } from './sessionStore.js';
import { utcClock } from './timeFormat.js';

export function followPlain(ref: SessionRef, write: (text: string) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let operator = '?';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      tail.stop();
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const tail = new FileTail(ref.eventsFile, {
      keepAlive: true,
      onValue: (v) => {
        if (!isRecordedEvent(v) || done) return;
        if (isStart(v)) operator = v.operator;
        const w = describeRecorded(v, operator);
        if (v.type === 'output') write(`${w.text}\n`);
        else if (v.type === 'command.start') write(`[${utcClock(v.ts)}] $ ${str(v, 'line') ?? ''}\n`);
        else if (v.type === 'command.end') {
          if ((num(v, 'exitCode') ?? 0) !== 0) write(`[${utcClock(v.ts)}] ${w.text}\n`);
        } else if (w.category !== 'watch' && v.type !== 'resize') write(`[${utcClock(v.ts)}] ${w.category === 'note' ? `note (${w.who}): ` : w.category === 'mark' ? `mark (${w.who}): ` : ''}${w.text}\n`);
        if (isEnd(v)) finish();
      },
    });
    signal?.addEventListener('abort', finish);
    tail.start();
  });
}

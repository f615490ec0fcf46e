import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PromptCancelled, stdioPrompt } from '../../src/profiles/ttyPrompt.js';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => { text += c.toString(); });
  return { stream, text: () => text };
}

/** A stand-in terminal: a stream that says it is a TTY and records raw-mode switches. */
function fakeTty(): PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void; rawModes: boolean[] } {
  const tty = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  return Object.assign(tty, { setRawMode: (raw: boolean) => { tty.rawModes.push(raw); } });
}

describe('stdioPrompt', () => {
  it('reads the next line from a pipe', async () => {
    const input = new PassThrough();
    const out = collect();
    const answer = stdioPrompt(input, out.stream)('Password: ', { secret: true });
    input.end('pipe-secret\nrest\n');
    expect(await answer).toBe('pipe-secret');
    expect(out.text()).toBe('Password: \n');
  });

  it('fails when a pipe ends without an answer', async () => {
    const input = new PassThrough();
    const answer = stdioPrompt(input, collect().stream)('Password: ', { secret: true });
    input.end();
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled);
  });

  it('echoes nothing of a secret typed on a terminal, handles backspace, restores the mode', async () => {
    const tty = fakeTty();
    const out = collect();
    const answer = stdioPrompt(tty, out.stream)('Password: ', { secret: true });
    tty.write('hunx\x7fter2\r');
    expect(await answer).toBe('hunter2');
    expect(out.text()).toBe('Password: \n');
    expect(tty.rawModes).toEqual([true, false]);
  });

  it('echoes a non-secret answer and is cancelled by Ctrl-C', async () => {
    const tty = fakeTty();
    const out = collect();
    const name = stdioPrompt(tty, out.stream)('User: ', { secret: false });
    tty.write('ops\r');
    expect(await name).toBe('ops');
    expect(out.text()).toBe('User: ops\n');
    const cancelled = stdioPrompt(tty, out.stream)('Password: ', { secret: true });
    tty.write('abc\x03');
    await expect(cancelled).rejects.toThrow('cancelled');
    expect(tty.rawModes).toEqual([true, false, true, false]);
  });
});

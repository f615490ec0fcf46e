// A question on the terminal, with the answer hidden for secrets (nothing echoed, not even
// stars: the length of a password is a secret too). On a pipe, the answer is the next input line,
// so `printf '%s\n' "$PW" | zkpilot profile add … --store-password` works in scripts.
import { createInterface } from 'node:readline';
import type { PasswordPrompt } from './profileUse.js';

export class PromptCancelled extends Error {}

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

export function stdioPrompt(input: Input = process.stdin, output: NodeJS.WritableStream = process.stderr): PasswordPrompt {
  return (question, { secret }) => {
    output.write(question);
    return input.isTTY && input.setRawMode ? readRaw(input, output, secret) : readLine(input, output);
  };
}

function readLine(input: Input, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      // The answer was not echoed by us; end the question's line so the next message starts clean.
      output.write('\n');
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) {
        output.write('\n');
        reject(new PromptCancelled('no answer (end of input)'));
      }
    });
  });
}

function readRaw(input: Input, output: NodeJS.WritableStream, secret: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new PromptCancelled('cancelled'));
        if (ch === '\u0004' && answer === '') return finish(new PromptCancelled('cancelled'));
        if (ch === '\u007f' || ch === '\b') {
          if (answer.length > 0 && !secret) output.write('\b \b');
          answer = answer.slice(0, -1);
        } else if (ch >= ' ') {
          answer += ch;
          if (!secret) output.write(ch);
        }
      }
    };
    input.setRawMode!(true);
    input.resume();
    input.on('data', onData);
  });
}

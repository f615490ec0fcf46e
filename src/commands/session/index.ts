// `note TEXT` and `mark [LABEL]` inside the console: annotations for the postmortem, recorded
// with the session and shown on the timeline (and in the scrollback) at once. Without a recorder
// (exec mode without --record) the note still reaches the screen, and the operator is told it is
// not kept.
import { operatorName, type Recorder } from '../../sessions/recorder.js';
import { redactText } from '../../sessions/redact.js';
import type { CommandContext } from '../../shell/context.js';
import type { CommandSpec } from '../../shell/registry.js';

function textOf(tokens: readonly string[]): string {
  return tokens.slice(1).join(' ').trim();
}

function notKept(ctx: CommandContext): void {
  ctx.err('not recording: this annotation is not kept (exec mode records with --record)', 'warn');
}

export function sessionCommands(recorder: Recorder | null): CommandSpec[] {
  const note: CommandSpec = {
    name: 'note',
    usage: 'text',
    summary: 'Add a note to the session recording (shown on the timeline, kept for the postmortem)',
    args: ['data'],
    rawArgs: true,
    async run(ctx, parsed) {
      const text = textOf(parsed.args);
      if (!text) {
        ctx.err('note text');
        return 1;
      }
      if (recorder && !recorder.closed) recorder.note(text);
      else {
        ctx.bus.emit({ type: 'note', text: ctx.secrets.scrub(redactText(text)), author: operatorName(), origin: 'console' });
        notKept(ctx);
      }
      if (!ctx.interactive && recorder) ctx.out(`noted in ${recorder.id}`);
      return 0;
    },
  };
  const mark: CommandSpec = {
    name: 'mark',
    usage: '[label]',
    summary: 'Mark this moment in the recording (replay and the cast jump between marks)',
    args: ['data'],
    rawArgs: true,
    async run(ctx, parsed) {
      const label = textOf(parsed.args);
      let name = label || 'mark';
      if (recorder && !recorder.closed) name = recorder.mark(label);
      else {
        ctx.bus.emit({ type: 'mark', label: ctx.secrets.scrub(redactText(name)), author: operatorName(), origin: 'console' });
        notKept(ctx);
      }
      if (!ctx.interactive && recorder) ctx.out(`marked "${name}" in ${recorder.id}`);
      return 0;
    },
  };
  return [note, mark];
}

// The Pegasus side of the console: `pg`, `pegasus`, Pegasus mode's prompt and line routing.
//
//   const pegasus = attachPegasus(app.shell, { spawn: profile ? pegasusShellSpawn(profile) : null });
//   app.registry.registerAll(pegasusCommands(pegasus.session));
//   … on exit: await pegasus.dispose();
import type { CommandSpec } from '../../shell/registry.js';
import type { InputMode, Shell } from '../../shell/shell.js';
import { pegasusCommand } from './pegasusCommand.js';
import { pgCommand } from './pg.js';
import { PegasusSession, type PegasusSessionOptions } from './session.js';

export { PegasusSession, timeoutFor, looksFailed, type PegasusSpawn, type PegasusRun } from './session.js';
export { runPegasusLine, toPegasusLine } from './pg.js';
export { writeRecoverNodeList, checkMetaBlind } from './nodeList.js';

export function pegasusCommands(session: PegasusSession): CommandSpec[] {
  return [pgCommand(session), pegasusCommand(session)];
}

export const PEGASUS_PROMPT = '>>> ';

/** Words that leave Pegasus mode instead of going to the Pegasus shell. */
const LEAVE = new Set(['pg', 'pegasus', 'exit', 'quit']);

/** In Pegasus mode a typed line becomes `pg LINE`; `pg …`/`pegasus …` lines stay ours. */
export function pegasusInputMode(): InputMode {
  return {
    prompt: () => PEGASUS_PROMPT,
    route: (line) => {
      const trimmed = line.trim();
      if (LEAVE.has(trimmed)) return 'pegasus off';
      if (/^(pg|pegasus)\s/.test(trimmed)) return trimmed;
      return `pg ${line}`;
    },
  };
}

export interface AttachedPegasus {
  session: PegasusSession;
  dispose(): Promise<void>;
}

/**
 * Creates the Pegasus session for a console: notices go to its scrollback, `ctx.services.pegasus`
 * holds it (for the runbooks), and Pegasus mode switches the shell's prompt and routing.
 */
export function attachPegasus(shell: Shell, opts: PegasusSessionOptions): AttachedPegasus {
  const session = new PegasusSession(opts);
  session.attach(shell);
  const mode = pegasusInputMode();
  session.onModeChange = (on) => shell.setInputMode(on ? mode : null);
  shell.services.pegasus = session;
  return {
    session,
    async dispose() {
      shell.setInputMode(null);
      if (shell.services.pegasus === session) delete shell.services.pegasus;
      await session.stop();
    },
  };
}

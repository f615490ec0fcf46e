// `pegasus [on|off|status|start [CMD…]|stop|restart|timeout [S]|recover-node-list [NODES] [OUT]|check-blind]`
// — Pegasus mode and the Pegasus shell's lifecycle, plus the two P1/P2 helpers.
import { CliError, UsageError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import { toggleMode } from './pg.js';
import { checkMetaBlind, writeRecoverNodeList } from './nodeList.js';
import type { PegasusSession } from './session.js';

const SUBCOMMANDS = ['on', 'off', 'status', 'start', 'stop', 'restart', 'timeout', 'recover-node-list', 'check-blind'];
const USAGE = `[${SUBCOMMANDS.join('|')}] ...`;

export function pegasusCommand(session: PegasusSession): CommandSpec {
  return {
    name: 'pegasus',
    usage: USAGE,
    summary: 'Pegasus mode (alone: toggle) and the Pegasus shell: status, start, stop, restart, timeout…',
    args: ['word', 'word'],
    rawArgs: true,
    words: (i) => (i === 0 ? SUBCOMMANDS : []),
    async run(ctx, parsed) {
      const [, sub, ...rest] = parsed.args;
      switch (sub) {
        case undefined:
          return toggleMode(ctx, session);
        case 'on':
        case 'off':
          return toggleMode(ctx, session, sub === 'on');
        case 'status': {
          const cfg = session.configured;
          ctx.out(`command: ${cfg ? cfg.argv.join(' ') : '(none: set pegasus.command in the profile or run `pegasus start CMD…`)'}`);
          if (cfg?.cwd) ctx.out(`cwd: ${cfg.cwd}`);
          ctx.out(`shell: ${session.running ? `running (pid ${session.pid})` : 'not running (starts with the first command)'}`);
          ctx.out(`mode: ${session.mode ? 'on (>>> prompt)' : 'off'}`);
          ctx.out(`timeout: ${session.timeoutMs / 1000} s per command (copy_data: none; recover: its -w + 30 s)`);
          return 0;
        }
        case 'start':
          if (rest.length > 0) await session.configure({ argv: rest, cwd: session.configured?.cwd });
          try {
            await session.start();
          } catch (e) {
            throw new CliError(`pegasus: cannot start the Pegasus shell: ${e instanceof Error ? e.message : String(e)}`);
          }
          return 0;
        case 'stop':
          await session.stop();
          ctx.out('pegasus: Pegasus shell stopped (the next Pegasus command starts it again)', 'info');
          return 0;
        case 'restart':
          try {
            await session.restart('asked for');
          } catch (e) {
            throw new CliError(`pegasus: cannot start the Pegasus shell: ${e instanceof Error ? e.message : String(e)}`);
          }
          return 0;
        case 'timeout': {
          if (rest.length === 0) {
            ctx.out(`${session.timeoutMs / 1000}`);
            return 0;
          }
          const seconds = Number(rest[0]);
          if (!/^\d+$/.test(rest[0]!) || seconds < 1 || seconds > 86_400) throw new CliError('pegasus timeout: a whole number of seconds from 1 to 86400');
          session.timeoutMs = seconds * 1000;
          return 0;
        }
        case 'recover-node-list':
          return writeRecoverNodeList(ctx, session, rest[0], rest[1]);
        case 'check-blind': {
          const check = await checkMetaBlind(ctx.signal, session);
          if (check.ok) ctx.out(check.message, 'ok');
          else ctx.err(check.message);
          return check.ok ? 0 : 1;
        }
        default:
          throw new UsageError(`pegasus ${USAGE}`);
      }
    },
  };
}

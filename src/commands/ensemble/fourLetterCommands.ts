// srvr / mntr / conf / ruok [host:port|id] and `4lw WORD [target]`: a four-letter word to one
// server (by id, `server.N` or address) or, without a target, to every server in view. Replies
// are printed verbatim; refusals, timeouts, the whitelist and "not serving" get one line each.
// A server sends nothing back for a word it does not know (3.4 has no dirs or hash): one line
// says so with the release its srvr names, instead of an empty success.
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { CommandContext } from '../../shell/context.js';
import { CliError, UsageError } from '../../shell/errors.js';
import type { CommandSpec } from '../../shell/registry.js';
import { fourLetterWord, parseConnectString, parseSrvr, shortServerVersion, type FourLetterResult } from '../../zk/fourLetter.js';
import { silentWordReason } from '../../zk/serverVersion.js';
import { ensembleModel } from './service.js';

const COMMAND_TIMEOUT_MS = 3000;
const WORD = /^[a-z]{4}$/;

interface Target {
  host: string;
  port: number;
  label: string;
}

function label(id: number | null, host: string, port: number): string {
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return id === null ? address : `server.${id} ${address}`;
}

/** Every server in view, or the connect string's servers when there is no model. */
async function allTargets(ctx: CommandContext, model: EnsembleModel | null): Promise<Target[]> {
  if (model) {
    const snapshot = model.getSnapshot().round > 0 ? model.getSnapshot() : await model.whenReady();
    if (snapshot.nodes.length > 0) return snapshot.nodes.map((n) => ({ host: n.host, port: n.port, label: label(n.id, n.host, n.port) }));
  }
  return parseConnectString(ctx.conn.connectString).servers.map((s) => ({ ...s, label: label(null, s.host, s.port) }));
}

async function resolveTarget(text: string, model: EnsembleModel | null): Promise<Target> {
  const byId = /^(?:server\.)?\d+$/.test(text);
  if (model) {
    if (byId && model.getSnapshot().round === 0) await model.whenReady();
    // Ids come from the committed config; a first round without it (slow session) gets one more.
    if (byId && !model.resolve(text) && model.getSnapshot().committed === null) await model.refresh();
    const found = model.resolve(text);
    if (found) return { host: found.host, port: found.port, label: label('id' in found ? found.id : null, found.host, found.port) };
  }
  if (byId) throw new CliError(`no server ${text.replace(/^server\./, '')} in the ensemble view`);
  try {
    const { servers } = parseConnectString(text);
    if (servers.length !== 1) throw new Error('one server');
    const { host, port } = servers[0]!;
    return { host, port, label: label(null, host, port) };
  } catch {
    throw new CliError(`not a server: ${text} (give host:port, a server id, or server.N)`);
  }
}

/** The release a server names in its srvr banner, or null. */
async function releaseOf(target: Target): Promise<string | null> {
  const reply = await fourLetterWord(target.host, target.port, 'srvr', { timeoutMs: COMMAND_TIMEOUT_MS });
  const banner = reply.kind === 'ok' ? parseSrvr(reply.text).version : null;
  return banner ? shortServerVersion(banner) : null;
}

/** Prints one reply; returns whether it was a real answer. */
function report(ctx: CommandContext, word: string, target: Target, reply: FourLetterResult, timeoutMs: number, release: string | null): boolean {
  switch (reply.kind) {
    case 'ok':
      if (reply.text === '') {
        ctx.err(`${word}: ${target.label} sent no reply: ${silentWordReason(word, release)}`);
        return false;
      }
      ctx.out(reply.text.replace(/\r?\n$/, ''));
      if (word === 'ruok' && ctx.interactive) ctx.out('(imok = the process is alive, not that it serves: srvr tells)', 'dim');
      return true;
    case 'notWhitelisted':
      ctx.err(`${reply.text.trim()} (4lw.commands.whitelist on ${target.label})`, 'warn');
      return false;
    case 'notServing':
      ctx.err(reply.text.trim(), 'warn');
      return false;
    case 'refused':
      ctx.err(`${target.label}: connection refused (server down?)`);
      return false;
    case 'timeout':
      ctx.err(`${target.label}: no answer within ${timeoutMs} ms (server hung?)`);
      return false;
    case 'error':
      ctx.err(`${target.label}: ${reply.message}`);
      return false;
  }
}

export async function runFourLetter(ctx: CommandContext, word: string, targetText: string | undefined): Promise<number> {
  const model = ensembleModel(ctx);
  const targets = targetText === undefined ? await allTargets(ctx, model) : [await resolveTarget(targetText, model)];
  const replies = await Promise.all(targets.map((t) => fourLetterWord(t.host, t.port, word, { timeoutMs: COMMAND_TIMEOUT_MS })));
  const releases = await Promise.all(targets.map((t, i) => (replies[i]!.kind === 'ok' && replies[i]!.text === '' ? releaseOf(t) : null)));
  let failed = 0;
  targets.forEach((target, i) => {
    if (targets.length > 1) ctx.out(`--- ${target.label} ---`, 'info');
    if (!report(ctx, word, target, replies[i]!, COMMAND_TIMEOUT_MS, releases[i]!)) failed += 1;
  });
  return failed === 0 ? 0 : 1;
}

function wordCommand(word: 'srvr' | 'mntr' | 'conf' | 'ruok', summary: string): CommandSpec {
  const spec: CommandSpec = {
    name: word,
    usage: '[host:port|id]',
    summary,
    args: ['server'],
    async run(ctx, parsed) {
      if (parsed.args.length > 2) throw new UsageError(`${word} ${spec.usage}`);
      return runFourLetter(ctx, word, parsed.args[1]);
    },
  };
  return spec;
}

export const srvrCommand = wordCommand('srvr', 'Four-letter word srvr: mode, zxid, latency, counts (every server without a target)');
export const mntrCommand = wordCommand('mntr', 'Four-letter word mntr: all metrics, key<TAB>value');
export const confCommand = wordCommand('conf', 'Four-letter word conf: server settings, serverId, membership and config version');
export const ruokCommand = wordCommand('ruok', 'Four-letter word ruok: imok if the process is alive (even when not serving)');

export const fourLetterCommand: CommandSpec = {
  name: '4lw',
  usage: 'WORD [host:port|id]',
  summary: 'Any four-letter word, raw (cons, stat, envi, wchs, dirs, isro, …)',
  args: ['word', 'server'],
  words: (argIndex) => (argIndex === 0 ? ['srvr', 'stat', 'mntr', 'conf', 'cons', 'ruok', 'isro', 'envi', 'wchs', 'wchc', 'wchp', 'dirs', 'crst', 'srst', 'gtmk'] : []),
  async run(ctx, parsed) {
    const word = parsed.args[1];
    if (word === undefined || parsed.args.length > 3) throw new UsageError(`4lw ${fourLetterCommand.usage}`);
    if (!WORD.test(word)) throw new CliError(`4lw: ${word} is not a four-letter word (e.g. srvr, mntr, conf, cons, ruok)`);
    return runFourLetter(ctx, word, parsed.args[2]);
  },
};

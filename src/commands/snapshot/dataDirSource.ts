// Where `snapshot list|pick|pack` read when no DATADIR is given: the dataDir (and dataLogDir) of
// the ensemble's most advanced server — the leader, else the highest zxid, since a copy from a
// lagging follower would miss what it has not applied yet (zk-operations.md §6.3) — read
// from that server's `conf`; a profile's dataDirs when `conf` is not whitelisted (trap 9).
import type { CommandContext } from '../../shell/context.js';
import { CliError } from '../../shell/errors.js';
import { fourLetterWord, parseConf, parseConnectString, parseSrvr, type Zxid } from '../../zk/fourLetter.js';
import { ensembleModel } from '../ensemble/service.js';
import { isLocalHost } from '../../snapshots/localHost.js';

export { isLocalHost };

const WORD_TIMEOUT_MS = 3000;

export interface ServerRef {
  label: string;
  host: string;
  port: number;
  mode: string;
  zxid: Zxid;
}

export interface DataDirChoice {
  dataDir: string;
  dataLogDir: string | null;
  /** The server it belongs to, when taken from the ensemble (null: the operator gave it). */
  server: ServerRef | null;
  /** One line on where it came from, for the operator (null: the operator gave it). */
  origin: string | null;
  /** The server is not this machine: the path is read here anyway (a shared mount?). */
  remote: boolean;
}

export interface DataDirSourceOptions {
  /** A profile's dataDir for a host (`dataDirs`), used when `conf` is refused. */
  dataDirFor?: (host: string) => string | null;
}

function label(id: number | null, host: string, port: number): string {
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return id === null ? address : `server.${id} ${address}`;
}

/** Serving servers with their zxid: from the live model, else `srvr` to the connect string's servers. */
async function candidates(ctx: CommandContext): Promise<ServerRef[]> {
  const model = ensembleModel(ctx);
  if (model) {
    const snapshot = model.getSnapshot().round > 0 ? await model.refresh() : await model.whenReady();
    const serving = snapshot.nodes.flatMap((n) =>
      n.zxid !== null && ['leader', 'follower', 'observer', 'standalone'].includes(n.role)
        ? [{ label: label(n.id, n.host, n.port), host: n.host, port: n.port, mode: n.role, zxid: n.zxid }]
        : [],
    );
    if (serving.length > 0) return serving;
  }
  const servers = parseConnectString(ctx.conn.connectString).servers;
  const replies = await Promise.all(servers.map((s) => fourLetterWord(s.host, s.port, 'srvr', { timeoutMs: WORD_TIMEOUT_MS })));
  return servers.flatMap((s, i) => {
    const reply = replies[i]!;
    if (reply.kind !== 'ok') return [];
    const info = parseSrvr(reply.text);
    return info.zxid && info.mode ? [{ label: label(null, s.host, s.port), host: s.host, port: s.port, mode: info.mode, zxid: info.zxid }] : [];
  });
}

/**
 * The newest epoch first; within it the leader (a follower may sample a few in-flight
 * transactions ahead of it, never more data), then the highest zxid, then the lower address.
 */
export function rankServers(servers: readonly ServerRef[]): ServerRef[] {
  const order = (s: ServerRef) => BigInt(s.zxid.hex);
  return [...servers].sort((a, b) => {
    if (a.zxid.epoch !== b.zxid.epoch) return b.zxid.epoch - a.zxid.epoch;
    if ((a.mode === 'leader') !== (b.mode === 'leader')) return a.mode === 'leader' ? -1 : 1;
    if (order(a) !== order(b)) return order(a) > order(b) ? -1 : 1;
    return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
  });
}


/** The dataDir to read: the one given, or the best server's from its `conf`. */
export async function chooseDataDir(ctx: CommandContext, given: string | undefined, givenLogDir: string | undefined, opts: DataDirSourceOptions = {}): Promise<DataDirChoice> {
  if (given !== undefined) return { dataDir: given, dataLogDir: givenLogDir ?? null, server: null, origin: null, remote: false };
  const best = rankServers(await candidates(ctx))[0];
  if (!best) throw new CliError(`no server of ${ctx.conn.connectString} answers srvr: give DATADIR`);
  const why = best.mode === 'leader' ? `the leader, zxid ${best.zxid.hex}` : `${best.mode} with the highest zxid, ${best.zxid.hex}`;
  const reply = await fourLetterWord(best.host, best.port, 'conf', { timeoutMs: WORD_TIMEOUT_MS });
  let dataDir: string | undefined;
  let dataLogDir: string | undefined;
  let source = 'conf';
  if (reply.kind === 'ok') {
    const settings = parseConf(reply.text).settings;
    dataDir = settings['dataDir'];
    dataLogDir = settings['dataLogDir'];
  }
  if (dataDir === undefined) {
    const fromProfile = opts.dataDirFor?.(best.host) ?? null;
    if (fromProfile === null) {
      const reason = reply.kind === 'notWhitelisted' ? 'conf is not in its 4lw.commands.whitelist (trap 9)' : reply.kind === 'ok' ? 'its conf has no dataDir' : `conf got no answer (${reply.kind})`;
      throw new CliError(`${best.label}: ${reason}: give DATADIR`);
    }
    dataDir = fromProfile;
    source = "the profile's dataDirs";
  }
  const logDir = givenLogDir ?? (dataLogDir !== undefined && dataLogDir !== dataDir ? dataLogDir : null);
  const remote = !isLocalHost(best.host);
  return {
    dataDir,
    dataLogDir: logDir,
    server: best,
    origin: `dataDir of ${best.label} (${why}), from ${source}${logDir ? `; dataLogDir ${logDir}` : ''}`,
    remote,
  };
}

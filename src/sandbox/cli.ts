// `zkpilot sandbox up|status|down|node …`: the sandbox as a command line tool. The ensemble
// outlives `up`, so every later invocation finds it again through the state file in --dir.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandboxPegasus } from '../pegasus/standIn/sandboxPegasus.js';
import { Sandbox } from './ensemble.js';
import { SandboxError } from './errors.js';
import { statusLines, summaryLines } from './report.js';
import { DEFAULT_HEAP_MB } from './nodeFiles.js';
import { readState } from './stateFile.js';
import type { SandboxMembership, SandboxOptions } from './types.js';
import { hasDynamicConfig, isZkVersion, nodeVersion, resolveVersions, unsupportedVersion } from './zkVersions.js';

/** The bare `zkpilot sandbox [flags]`: a throwaway ensemble with the console on it. */
export interface SandboxSessionRequest {
  nodes: number;
  spares: number;
  membership: SandboxMembership;
  pegasus: boolean;
  /** `--zk-version V[,V…]`: one for all servers or one per server; absent: 3.8.0. */
  zkVersions?: string[];
  /** `--admin-server`: each 3.5+ server's AdminServer on 127.0.0.1 and a free port. */
  adminServer?: boolean;
}

export interface SandboxCliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Opens the console on a sandbox (the app layer's job); its exit code is the command's. */
  session?: (req: SandboxSessionRequest) => Promise<number>;
}

const USAGE = [
  'usage: zkpilot sandbox [--nodes N] [--spares M] [--static] [--pegasus] [--zk-version V[,V...]] [--admin-server]   (the console on a sandbox removed when it exits)',
  'usage: zkpilot sandbox up [--nodes N] [--spares M] [--membership dynamic|static] [--zk-version V[,V...]] [--admin-server] [--heap MB] [--dir D] [--pegasus]',
  '       zkpilot sandbox status [--dir D]',
  '       zkpilot sandbox down [--dir D]',
  '       zkpilot sandbox node stop|start|kill|pause|resume|wipe ID [--dir D]',
  '       zkpilot sandbox node config ID MEMBER_ID... [--dir D]   (static membership: rewrites its zoo.cfg)',
  '       zkpilot sandbox node upgrade ID VERSION [--dir D]   (restarts it on another ZooKeeper build, same data)',
  'ZooKeeper versions: 3.4.13, 3.8.0 (default), 3.9.3: one for every server, or one per server (members, then spares);',
  "3.4.13 and 3.9.3 are fetched from Debian's registry on first use ($ZKPILOT_DEBIAN_MIRROR picks the mirror).",
].join('\n');

const NODE_ACTIONS = ['stop', 'start', 'kill', 'pause', 'resume', 'wipe', 'config', 'upgrade'] as const;
type NodeAction = (typeof NODE_ACTIONS)[number];

/** Bad command line: one line on stderr, exit 2. */
class UsageError extends Error {}

/** `$XDG_STATE_HOME/zkpilot/sandbox`, else `~/.local/state/zkpilot/sandbox`. */
export function defaultSandboxDir(): string {
  const stateHome = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(stateHome, 'zkpilot', 'sandbox');
}

/** The bare `zkpilot sandbox` (and `zkpilot` alone): 3 members + 1 spare unless told otherwise. */
export const SESSION_SANDBOX = { nodes: 3, spares: 1 } as const;

/** The rehearsal ensemble of the bare `zkpilot sandbox`, gone on exit. */
export function startDefaultSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return Sandbox.start({ ...SESSION_SANDBOX, killOnExit: true, ...opts });
}

function parseCount(value: string | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        dir: { type: 'string' },
        nodes: { type: 'string' },
        spares: { type: 'string' },
        membership: { type: 'string' },
        'zk-version': { type: 'string' },
        static: { type: 'boolean' },
        pegasus: { type: 'boolean' },
        'admin-server': { type: 'boolean' },
        heap: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function attach(dir: string, io?: SandboxCliIo): Promise<Sandbox> {
  if ((await readState(dir)) === null) {
    throw new SandboxError(`no sandbox in ${dir}; start one with "zkpilot sandbox up${dirFlag(dir)}"`);
  }
  return Sandbox.attach(dir, io ? { progress: progressTo(io) } : {});
}

function dirFlag(dir: string): string {
  return dir === defaultSandboxDir() ? '' : ` --dir ${dir}`;
}

/** `what`: how the message names the command (`"status"`). */
function rejectFlags(values: Record<string, unknown>, allowed: string[], what: string): void {
  const extra = Object.keys(values).filter((k) => values[k] !== undefined && !allowed.includes(k));
  if (extra.length > 0) throw new UsageError(`${what} does not take --${extra[0]}`);
}

/** Undefined when not given: static if a 3.4 server is in, else dynamic. */
function parseMembership(value: string | undefined): SandboxMembership | undefined {
  if (value === undefined || value === 'dynamic' || value === 'static') return value;
  throw new UsageError(`--membership must be dynamic or static, got "${value}"`);
}

/** `--zk-version 3.8.0,3.9.3,3.9.3`: each one known, one for all or one per server. */
function parseVersions(value: string | undefined, servers: number): string[] | undefined {
  if (value === undefined) return undefined;
  const versions = value.split(',').map((v) => v.trim());
  const bad = versions.find((v) => !isZkVersion(v));
  if (bad !== undefined) throw new UsageError(`--zk-version: ${unsupportedVersion(bad)}`);
  try {
    resolveVersions(versions, servers);
  } catch (err) {
    throw new UsageError(`--zk-version: ${(err as Error).message}`);
  }
  return versions;
}

function progressTo(io: SandboxCliIo): (line: string) => void {
  return (line) => io.stderr(`zkpilot sandbox: ${line}\n`);
}

async function up(values: { nodes?: string; spares?: string; membership?: string; pegasus?: boolean; 'zk-version'?: string; 'admin-server'?: boolean; heap?: string }, dir: string, io: SandboxCliIo): Promise<void> {
  const nodes = parseCount(values.nodes, '--nodes', 1, 9, 3);
  const spares = parseCount(values.spares, '--spares', 0, 9, 0);
  const membership = parseMembership(values.membership);
  const zkVersions = parseVersions(values['zk-version'], nodes + spares);
  const adminServer = values['admin-server'] === true;
  const heapMb = values.heap === undefined ? undefined : parseCount(values.heap, '--heap', 64, 65_536, DEFAULT_HEAP_MB);
  const sandbox = await Sandbox.start({ nodes, spares, membership, zkVersions, adminServer, dir, killOnExit: false, progress: progressTo(io), ...(heapMb !== undefined ? { heapMb } : {}) });
  const leader = await sandbox.waitForLeader(5000).catch(() => null);
  for (const line of summaryLines(sandbox, leader)) io.stdout(`${line}\n`);
  if (values.pegasus) {
    // A stand-in Pegasus cluster on this ensemble (tables under /pegasus/onebox); `up` exits at
    // once, so no session holds the meta's ephemeral leader lock.
    const pegasus = await startSandboxPegasus({ connectString: sandbox.connectString, dir, holdLock: false });
    io.stdout(`Pegasus stand-in: state in ${pegasus.stateDir}; in the console: pegasus start ${pegasus.spawn.argv.join(' ')}\n`);
  }
  io.stdout(`Stop it with: zkpilot sandbox down${dirFlag(dir)}\n`);
}

async function node(action: NodeAction, id: number, extra: string[], dir: string, io: SandboxCliIo): Promise<void> {
  const sandbox = await attach(dir, io);
  const before = sandbox.node(id);
  const members = extra.map(Number);
  switch (action) {
    case 'upgrade': {
      await sandbox.upgradeNode(id, extra[0]!);
      const after = sandbox.node(id);
      io.stdout(`node ${id} now runs ZooKeeper ${nodeVersion(after)} (was ${nodeVersion(before)}; pid ${after.pid}, same data), mode ${await sandbox.probe(id)}\n`);
      return;
    }
    case 'wipe':
      await sandbox.cleanNode(id);
      io.stdout(`node ${id}: version-2 and zookeeper_server.pid removed, myid ${id}\n`);
      return;
    case 'config': {
      const lines = sandbox.serverLines(members);
      await sandbox.writeMembership(id, lines);
      io.stdout(`node ${id}: zoo.cfg now lists ${members.map((m) => `server.${m}`).join(', ')}${before.status === 'stopped' ? '' : ' (takes effect when it restarts)'}\n`);
      return;
    }
    case 'stop':
    case 'kill':
      if (before.status === 'stopped') {
        io.stdout(`node ${id} is already stopped\n`);
        return;
      }
      await (action === 'stop' ? sandbox.stopNode(id) : sandbox.killNode(id));
      io.stdout(`node ${id} ${action === 'stop' ? 'stopped' : 'killed'}\n`);
      return;
    case 'start': {
      await sandbox.startNode(id);
      const after = sandbox.node(id);
      io.stdout(`node ${id} started (pid ${after.pid}), mode ${await sandbox.probe(id)}\n`);
      return;
    }
    case 'pause':
      await sandbox.pauseNode(id);
      io.stdout(`node ${id} paused (SIGSTOP); resume it with: zkpilot sandbox node resume ${id}${dirFlag(dir)}\n`);
      return;
    case 'resume':
      await sandbox.resumeNode(id);
      io.stdout(`node ${id} resumed\n`);
      return;
  }
}

async function dispatch(argv: string[], io: SandboxCliIo): Promise<number | void> {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return;
  }
  const dir = path.resolve(values.dir ?? defaultSandboxDir());
  switch (command) {
    case 'up':
      rejectFlags(values, ['dir', 'nodes', 'spares', 'membership', 'pegasus', 'zk-version', 'admin-server', 'heap'], `"${command}"`);
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      return up(values, dir, io);
    case 'status': {
      rejectFlags(values, ['dir'], `"${command}"`);
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      for (const line of await statusLines(await attach(dir))) io.stdout(`${line}\n`);
      return;
    }
    case 'down': {
      rejectFlags(values, ['dir'], `"${command}"`);
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      await (await attach(dir)).down();
      io.stdout(`sandbox in ${dir} stopped and removed\n`);
      return;
    }
    case 'node': {
      rejectFlags(values, ['dir'], `"${command}"`);
      const [action, idText, ...extra] = rest;
      if (!NODE_ACTIONS.includes(action as NodeAction)) {
        throw new UsageError(action === undefined ? 'missing node action' : `unknown node action "${action}"`);
      }
      if (idText === undefined || !/^\d+$/.test(idText)) {
        throw new UsageError(idText === undefined ? 'missing node id' : `bad node id "${idText}"`);
      }
      if (action === 'config') {
        const bad = extra.find((m) => !/^\d+$/.test(m));
        if (extra.length === 0 || bad !== undefined) throw new UsageError(bad ? `bad member id "${bad}"` : 'config needs the member ids');
      } else if (action === 'upgrade') {
        if (extra.length === 0) throw new UsageError('upgrade needs the version (3.4.13, 3.8.0 or 3.9.3)');
        if (extra.length > 1) throw new UsageError(`unexpected argument "${extra[1]}"`);
        if (!isZkVersion(extra[0]!)) throw new UsageError(`node upgrade: ${unsupportedVersion(extra[0]!)}`);
      } else if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
      return node(action as NodeAction, Number(idText), extra, dir, io);
    }
    case undefined: {
      if (!io.session) throw new UsageError('missing subcommand');
      rejectFlags(values, ['nodes', 'spares', 'static', 'pegasus', 'zk-version', 'admin-server'], '"sandbox" without a subcommand');
      const nodes = parseCount(values.nodes, '--nodes', 1, 9, SESSION_SANDBOX.nodes);
      const spares = parseCount(values.spares, '--spares', 0, 9, SESSION_SANDBOX.spares);
      const zkVersions = parseVersions(values['zk-version'], nodes + spares);
      // 3.4 has no reconfig: a sandbox with a 3.4 server in is a static one.
      const legacy = (zkVersions ?? []).some((v) => isZkVersion(v) && !hasDynamicConfig(v));
      return io.session({
        nodes,
        spares,
        membership: values.static || legacy ? 'static' : 'dynamic',
        pegasus: values.pegasus === true,
        ...(zkVersions ? { zkVersions } : {}),
        ...(values['admin-server'] ? { adminServer: true } : {}),
      });
    }
    default:
      throw new UsageError(`unknown subcommand "${command}"`);
  }
}

/** Runs `zkpilot sandbox …` (argv after "sandbox"); returns the exit code, never throws. */
export async function runSandboxCli(argv: string[], io: SandboxCliIo): Promise<number> {
  try {
    return (await dispatch(argv, io)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`zkpilot sandbox: ${err.message} (see "zkpilot sandbox --help")\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`zkpilot sandbox: ${message}\n`);
    return 1;
  }
}

// A real ZooKeeper ensemble on 127.0.0.1: launch, inspect, disturb (stop/kill/pause) and tear down.
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { SandboxError } from './errors.js';
import { guard, unguard } from './exitGuard.js';
import { fourLetterWord, NOT_SERVING, parseMode, type ZkMode } from './fourLetterWord.js';
import { javaArgs, javaExecutable, logFilePath, serverLine, SERVLET_API_JAR, zooCfgPath } from './nodeFiles.js';
import {
  describeExit, exitInfo, isSandboxJvm, pollUntil, processState, signalProcess, spawnDetached, terminate, waitForExit,
} from './processes.js';
import { provisionSandbox } from './provision.js';
import { appendLaunchMarker, launchErrors, logTail } from './startupLog.js';
import { readState, stateFilePath, writeState } from './stateFile.js';
import { cleanDataDir, readServerLines, writeServerLines } from './staticMembership.js';
import { killSandboxNow, tearDownSandbox } from './teardown.js';
import type { SandboxMembership, SandboxNode, SandboxOptions, SandboxState } from './types.js';
import { adaptZooCfg, checkUpgrade } from './upgrade.js';
import { ensureBuild } from './zkBuilds.js';
import { nodeVersion } from './zkVersions.js';

/** What `srvr` tells about a node right now. */
export type NodeProbe = ZkMode | 'not-serving' | 'no-answer';

export interface StartNodeOptions {
  /** serving (default): srvr reports a Mode; listening: the client port answers `ruok`; none. */
  waitFor?: 'serving' | 'listening' | 'none';
  timeoutMs?: number;
}

export interface AttachOptions {
  /** Default false: a sandbox someone else started is not ours to kill when we exit. */
  killOnExit?: boolean;
  /** Told what is downloaded when a node needs a build this machine has not got yet. */
  progress?: (line: string) => void;
}

const PROBE_TIMEOUT_MS = 800;
const POLL_INTERVAL_MS = 100;
const STOP_GRACE_MS = 5000;
const KILL_WAIT_MS = 10_000;
const DEFAULT_WAIT_MS = 30_000;
/** How long an upgraded leader waits for the others to elect a leader before it starts anyway. */
const LEADER_HANDOVER_MS = 15_000;
const DEFAULT_START_TIMEOUT_MS = 60_000;

export class Sandbox {
  private downing: Promise<void> | undefined;
  private gone = false;

  private constructor(
    private readonly state: SandboxState,
    killOnExit: boolean,
    private readonly progress?: (line: string) => void,
  ) {
    if (killOnExit) guard(this);
  }

  /**
   * Lays out, launches and waits for the ensemble: a leader, every member serving, then every
   * spare following (as a non-voting follower).
   */
  static async start(opts: SandboxOptions = {}): Promise<Sandbox> {
    const sandbox = new Sandbox(await provisionSandbox(opts), opts.killOnExit ?? true, opts.progress);
    try {
      await sandbox.launch(opts);
      return sandbox;
    } catch (err) {
      await sandbox.down().catch(() => undefined);
      throw err;
    }
  }

  static async attach(dir: string, opts: AttachOptions = {}): Promise<Sandbox> {
    const absolute = path.resolve(dir);
    const state = await readState(absolute);
    if (!state) throw new SandboxError(`no sandbox in ${absolute} (no ${path.basename(stateFilePath(absolute))})`);
    const sandbox = new Sandbox(state, opts.killOnExit ?? false, opts.progress);
    if (sandbox.refreshStatuses()) await sandbox.saveState();
    return sandbox;
  }

  get dir(): string { return this.state.dir; }
  get stateFile(): string { return stateFilePath(this.state.dir); }
  get nodes(): SandboxNode[] { return this.state.nodes.map((n) => ({ ...n })); }
  get members(): SandboxNode[] { return this.nodes.filter((n) => n.kind === 'member'); }
  get spares(): SandboxNode[] { return this.nodes.filter((n) => n.kind === 'spare'); }
  get membership(): SandboxMembership { return this.state.membership ?? 'dynamic'; }
  get connectString(): string { return this.members.map((n) => `${n.host}:${n.clientPort}`).join(','); }
  get superDigest(): string { return this.state.superDigest; }
  get superUser(): string { return this.state.superUser; }
  get superPassword(): string { return this.state.superPassword; }
  /** True once down() has started: the sandbox can no longer be used. */
  get isDown(): boolean { return this.downing !== undefined; }

  node(id: number): SandboxNode {
    return { ...this.mutableNode(id) };
  }

  /** A copy of the state as last saved. */
  toState(): SandboxState {
    return { ...this.state, nodes: this.nodes };
  }

  /** Re-reads the state file (another process may have acted) and each node's process. */
  async refresh(): Promise<void> {
    this.assertUp();
    const onDisk = await readState(this.state.dir).catch(() => null);
    for (const saved of onDisk?.nodes ?? []) {
      const node = this.state.nodes.find((n) => n.id === saved.id);
      if (node) Object.assign(node, { pid: saved.pid, zkVersion: saved.zkVersion });
    }
    if (this.refreshStatuses()) await this.saveState();
  }

  fourLetterWord(id: number, command: string, timeoutMs = 2000): Promise<string> {
    const node = this.mutableNode(id);
    return fourLetterWord(node.host, node.clientPort, command, timeoutMs);
  }

  async probe(id: number, timeoutMs = PROBE_TIMEOUT_MS): Promise<NodeProbe> {
    try {
      const reply = await this.fourLetterWord(id, 'srvr', timeoutMs);
      return parseMode(reply) ?? (reply.includes(NOT_SERVING) ? 'not-serving' : 'no-answer');
    } catch {
      return 'no-answer';
    }
  }

  logTail(id: number, lines = 20): Promise<string> {
    return logTail(this.mutableNode(id).dir, lines);
  }

  /** The `server.N=` lines of these nodes of the sandbox (what an operator writes in zoo.cfg). */
  serverLines(ids: readonly number[]): string[] {
    return ids.map((id) => serverLine(this.mutableNode(id)));
  }

  /** The `server.N=` lines in a node's zoo.cfg now (static membership). */
  async membershipOf(id: number): Promise<string[]> {
    this.assertStatic('read the membership of');
    return readServerLines(this.mutableNode(id).dir);
  }

  /**
   * The operator's hand edit of zoo.cfg with static membership: the node's `server.N=` lines
   * become `lines`. A running node keeps its old view until it restarts.
   */
  async writeMembership(id: number, lines: readonly string[]): Promise<void> {
    this.assertUp();
    this.assertStatic('write the membership of');
    const node = this.mutableNode(id);
    await writeServerLines(node.dir, lines, nodeVersion(node));
  }

  /** A stopped node's data dir made fresh: version-2 and zookeeper_server.pid removed, myid written. */
  async cleanNode(id: number): Promise<void> {
    await this.refresh();
    const node = this.mutableNode(id);
    if (node.pid !== null) throw new SandboxError(`node ${id} is ${node.status} (pid ${node.pid}): stop it before cleaning its data`);
    await cleanDataDir(node.dir, node.id);
  }

  /** SIGTERM, SIGKILL after a grace period; a stopped node is left as it is. */
  async stopNode(id: number): Promise<void> {
    await this.refresh();
    const node = this.mutableNode(id);
    if (node.pid !== null) await terminate(node.pid, STOP_GRACE_MS);
    await this.markStopped(node);
  }

  async killNode(id: number): Promise<void> {
    await this.refresh();
    const node = this.mutableNode(id);
    if (node.pid !== null) {
      signalProcess(node.pid, 'SIGKILL');
      if (!(await waitForExit(node.pid, KILL_WAIT_MS))) {
        throw new SandboxError(`node ${id} (pid ${node.pid}) survived SIGKILL`);
      }
    }
    await this.markStopped(node);
  }

  /** SIGSTOP: the node keeps its sockets but answers nothing — a hung server, not a dead one. */
  async pauseNode(id: number): Promise<void> {
    await this.signalAndSettle(id, 'SIGSTOP', 'paused', 'pause');
  }

  async resumeNode(id: number): Promise<void> {
    await this.signalAndSettle(id, 'SIGCONT', 'running', 'resume');
  }

  /**
   * Relaunches a stopped node with its config as it is now on disk. A spare that has joined and
   * was never `reconfig -add`ed cannot boot any more (ZooKeeper rewrote its dynamic file without
   * it: "My id N not in the peer list"); the error quotes that from server.log.
   */
  async startNode(id: number, opts: StartNodeOptions = {}): Promise<void> {
    await this.refresh();
    const node = this.mutableNode(id);
    if (node.pid !== null) throw new SandboxError(`node ${id} is already ${node.status} (pid ${node.pid})`);
    await this.spawn(node);
    await this.saveState();
    const waitFor = opts.waitFor ?? 'serving';
    if (waitFor === 'none') return;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_MS;
    const ready = async (): Promise<boolean> => {
      if (waitFor === 'listening') {
        return (await this.fourLetterWord(id, 'ruok', PROBE_TIMEOUT_MS).catch(() => '')) === 'imok';
      }
      const probe = await this.probe(id);
      return probe !== 'not-serving' && probe !== 'no-answer';
    };
    const notServing = () =>
      `node ${id} is running (pid ${node.pid}) but not serving after ${timeoutMs} ms; is a quorum of its ensemble up?`;
    await this.pollNodes(Date.now() + timeoutMs, [id], ready, notServing);
  }

  /**
   * Stops the node and starts it again on another ZooKeeper build (fetched first, while the node
   * still runs), on the same data dir; a 3.4 node's zoo.cfg is given what 3.5+ needs (upgrade.ts).
   */
  async upgradeNode(id: number, version: string, opts: StartNodeOptions = {}): Promise<void> {
    await this.refresh();
    const node = this.mutableNode(id);
    const from = nodeVersion(node);
    const to = checkUpgrade(id, from, version, this.membership);
    await ensureBuild(to, { progress: this.progress });
    const handsOver = node.pid !== null && node.kind === 'member' && (await this.probe(id)) === 'leader' && this.othersHaveQuorum(id);
    if (node.pid !== null) await terminate(node.pid, STOP_GRACE_MS);
    await adaptZooCfg(node.dir, from, to);
    node.zkVersion = to;
    await this.markStopped(node);
    // The leader starts again once the others have elected one of their own (the upgrade runbook's
    // "leader last" step). Started at once, it could rejoin an election still running and, with
    // the highest id, lead again with nothing handed over.
    if (handsOver) await this.leaderBy(Date.now() + LEADER_HANDOVER_MS, []).catch(() => undefined);
    await this.startNode(id, opts);
  }

  /** Whether the members other than `id` that are running make a quorum of the ensemble. */
  private othersHaveQuorum(id: number): boolean {
    const others = this.members.filter((n) => n.id !== id && processState(n.pid) === 'running').length;
    return others >= Math.floor(this.members.length / 2) + 1;
  }

  /** Id of the node that reports `Mode: leader` (or `standalone`: a lone 3.4 server). */
  waitForLeader(timeoutMs = DEFAULT_WAIT_MS): Promise<number> {
    return this.leaderBy(Date.now() + timeoutMs, []);
  }

  /** Resolves once srvr on `id` reports `mode`; rejects (quoting server.log) if the node dies. */
  async waitForMode(id: number, mode: ZkMode, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    this.mutableNode(id);
    let last: NodeProbe = 'no-answer';
    await this.pollNodes(Date.now() + timeoutMs, [id], async () => (last = await this.probe(id)) === mode,
      () => `node ${id} is ${last}, not ${mode}, after ${timeoutMs} ms`);
  }

  /** Kills every JVM, waits until they are gone, removes the files (the dir too if we made it). */
  down(): Promise<void> {
    this.downing ??= this.tearDown();
    return this.downing;
  }

  /** For the exit guard: synchronous, it runs inside process.on('exit'). */
  killNow(): void {
    if (this.gone) return;
    this.gone = true;
    killSandboxNow(this.state);
  }

  private async tearDown(): Promise<void> {
    const onDisk = await readState(this.state.dir).catch(() => null);
    unguard(this);
    await tearDownSandbox(this.state, onDisk, KILL_WAIT_MS);
    this.gone = true;
  }

  private async launch(opts: SandboxOptions): Promise<void> {
    const members = this.state.nodes.filter((n) => n.kind === 'member');
    const spares = this.state.nodes.filter((n) => n.kind === 'spare');
    for (const node of members) await this.spawn(node);
    await this.saveState();
    // Spares can only join an ensemble that has a leader, so with spares we always wait.
    if (opts.waitForLeader === false && spares.length === 0) return;
    const timeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    await this.leaderBy(deadline, members.map((n) => n.id));
    // A leader only needs a quorum; the last members may still be syncing. Callers want all.
    await Promise.all(members.map((node) => this.serving(node.id, deadline, ['leader', 'follower', 'standalone'])));
    if (spares.length === 0) return;
    for (const node of spares) await this.spawn(node);
    await this.saveState();
    await Promise.all(spares.map((node) => this.serving(node.id, deadline, ['follower'])));
  }

  private async serving(id: number, deadline: number, modes: NodeProbe[]): Promise<void> {
    let last: NodeProbe = 'no-answer';
    const started = Date.now();
    await this.pollNodes(deadline, [id], async () => modes.includes((last = await this.probe(id))),
      () => `node ${id} is ${last}, not ${modes.join(' or ')}, ${Date.now() - started} ms after the leader election`);
  }

  private async leaderBy(deadline: number, mustStayUp: number[]): Promise<number> {
    let leader: number | undefined;
    let seen = '';
    await this.pollNodes(deadline, mustStayUp, async () => {
      const running = this.state.nodes.filter((n) => processState(n.pid) === 'running');
      const probes = await Promise.all(running.map(async (n) => [n.id, await this.probe(n.id)] as const));
      leader = probes.find(([, mode]) => mode === 'leader' || mode === 'standalone')?.[0];
      seen = probes.map(([id, mode]) => `${id}: ${mode}`).join(', ') || 'no node running';
      return leader !== undefined;
    }, () => `no leader elected in time (${seen})`);
    return leader!;
  }

  /** Polls `done` until it holds; fails early, quoting server.log, when one of `mustStayUp` dies. */
  private async pollNodes(
    deadline: number,
    mustStayUp: number[],
    done: () => Promise<boolean>,
    timeoutMessage: () => string,
  ): Promise<void> {
    for (;;) {
      this.assertUp();
      if (await done()) return;
      for (const id of mustStayUp) {
        const node = this.mutableNode(id);
        if (processState(node.pid) === 'gone') throw await this.deathError(node);
      }
      if (Date.now() >= deadline) throw new SandboxError(timeoutMessage());
      await delay(POLL_INTERVAL_MS);
    }
  }

  private async deathError(node: SandboxNode): Promise<SandboxError> {
    const how = node.pid === null ? 'is not running' : `(pid ${node.pid}) ${describeExit(exitInfo(node.pid))}`;
    await this.markStopped(node);
    const errors = await launchErrors(node.dir);
    if (errors.length === 0) return new SandboxError(`node ${node.id} ${how}`);
    const quoted = errors.map((line) => `  ${line}`).join('\n');
    return new SandboxError(`node ${node.id} ${how}; from ${logFilePath(node.dir)}:\n${quoted}`);
  }

  private async signalAndSettle(id: number, signal: NodeJS.Signals, target: 'paused' | 'running', verb: string) {
    await this.refresh();
    const node = this.mutableNode(id);
    const pid = node.pid;
    if (pid === null) throw new SandboxError(`node ${id} is stopped; cannot ${verb} it`);
    signalProcess(pid, signal);
    if (!(await pollUntil(() => processState(pid) === target, 5000))) {
      throw new SandboxError(`node ${id} did not ${verb} on ${signal}`);
    }
    node.status = target;
    await this.saveState();
  }

  private async spawn(node: SandboxNode): Promise<void> {
    const build = await ensureBuild(nodeVersion(node), { progress: this.progress });
    await appendLaunchMarker(node.dir, node.id);
    const classpath = node.adminPort !== undefined ? [...build.classpath, SERVLET_API_JAR] : build.classpath;
    const args = javaArgs(node, this.state.dir, this.state.superDigest, classpath, this.state.heapMb);
    node.pid = spawnDetached(javaExecutable(), args, logFilePath(node.dir), node.dir);
    node.status = 'running';
  }

  private async markStopped(node: SandboxNode): Promise<void> {
    node.pid = null;
    node.status = 'stopped';
    await this.saveState();
  }

  /** Derives statuses from the processes; returns whether anything changed. */
  private refreshStatuses(): boolean {
    let changed = false;
    for (const node of this.state.nodes) {
      const alive = isSandboxJvm(node.pid, zooCfgPath(node.dir)) ? processState(node.pid) : 'gone';
      const status = alive === 'gone' ? 'stopped' : alive;
      const pid = alive === 'gone' ? null : node.pid;
      if (status !== node.status || pid !== node.pid) changed = true;
      Object.assign(node, { status, pid });
    }
    return changed;
  }

  private async saveState(): Promise<void> {
    if (!this.isDown) await writeState(this.state);
  }

  private mutableNode(id: number): SandboxNode {
    const node = this.state.nodes.find((n) => n.id === id);
    if (!node) {
      throw new SandboxError(`no node ${id} in this sandbox (ids ${this.state.nodes.map((n) => n.id).join(', ')})`);
    }
    return node;
  }

  private assertStatic(verb: string): void {
    if (this.membership !== 'static') throw new SandboxError(`this sandbox's membership is dynamic (change it with reconfig); cannot ${verb} a node's zoo.cfg`);
  }

  private assertUp(): void {
    if (this.isDown) throw new SandboxError('this sandbox has been torn down');
  }
}

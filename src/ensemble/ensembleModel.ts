// The live ensemble model: polls every member in parallel once per interval, derives roles,
// zxids, lag and health, keeps a snapshot for the panel and the commands, and turns changes into
// one event stream. Rounds never overlap (the next starts an interval after the previous began,
// or at once if it overran), and each server has a timeout well below the interval, so a hung
// server costs a timeout, not a backlog. While no leader is seen, rounds come faster so an
// election's gap is measured finely.
import { SessionConfigSource, type ConfigSource } from './configSource.js';
import type { ClientFactory } from '../zk/types.js';
import { Emitter } from '../util/store.js';
import { EventDeriver } from './ensembleEvents.js';
import { EventLog, type EventListener } from './eventLog.js';
import type { EnsembleEvent } from './eventTypes.js';
import { computeHealth } from './health.js';
import { MarkerSet } from './markers.js';
import { buildNodeView, parseSample, withLag, type ParsedSample } from './nodeView.js';
import { NodePoller, type FourLetterFn } from './poller.js';
import { probeServer } from './probe.js';
import { configFromConf, findAliases, wantedWords } from './roundPlan.js';
import { StaticMembership } from './staticMembership.js';
import { isMemberDoor, newerConfigSeen, resolveServer, roundTargets } from './targets.js';
import type { ServerSpec } from '../zk/dynamicConfig.js';
import {
  type CommittedConfig, type EnsembleSnapshot, type NodeMarker, type NodeView, type PollTarget, type SessionView,
} from './types.js';

export const DEFAULT_POLL_INTERVAL_MS = 1000;
/** While leaderless, poll this often (for at most FAST_POLL_WINDOW_MS). */
const FAST_POLL_MS = 250;
const FAST_POLL_WINDOW_MS = 30_000;
/** mntr and conf of every server every this many rounds (srvr is every round). */
const DETAIL_EVERY = 5;

export interface EnsembleModelOptions {
  connectString: string;
  /** `host:port` of servers to watch beyond the config and the connect string (spares, new servers). */
  extraHosts?: readonly string[];
  pollIntervalMs?: number;
  /** Per-server deadline for one poll; default 60 % of the interval, within 200..1500 ms. */
  timeoutMs?: number;
  /** The four-letter-word client (tests and benchmarks may count or slow it). */
  fourLetter?: FourLetterFn;
  /**
   * Session client factory for the watched getConfig; null disables it (the committed config then
   * comes from the leader's `conf`). Default: none — attachEnsemble passes the real client.
   */
  clientFactory?: ClientFactory | null;
  maxEvents?: number;
  now?: () => number;
}

export function defaultTimeoutMs(pollIntervalMs: number): number {
  return Math.max(200, Math.min(1500, Math.round(pollIntervalMs * 0.6)));
}

export class EnsembleModel {
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly fourLetter: FourLetterFn | undefined;
  private readonly log: EventLog;
  private readonly markers = new MarkerSet();
  private deriver = new EventDeriver();
  private readonly changes = new Emitter();
  private readonly pollers = new Map<string, NodePoller>();
  private readonly parsed = new Map<string, ParsedSample>();
  private readonly aliases = new Set<string>();
  private connectString: string;
  private extraHosts: readonly string[];
  private config: ConfigSource | null = null;
  private offConfig: (() => void) | null = null;
  private confFallback: CommittedConfig | null = null;
  private readonly staticMembers = new StaticMembership();
  private targets: PollTarget[] = [];
  private snapshot: EnsembleSnapshot;
  private session: SessionView | null = null;
  private running = false;
  private disposed = false;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private rerun = false;
  private leaderlessSince: number | null = null;
  private roundStartedAt = 0;
  private detailRequested = false;
  /** Bumped by setConnectString: a round that started before belongs to the old view. */
  private generation = 0;
  private readonly firstRound: Promise<void>;
  private markFirstRound!: () => void;

  constructor(private readonly opts: EnsembleModelOptions) {
    this.pollIntervalMs = opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.timeoutMs = opts.timeoutMs ?? defaultTimeoutMs(this.pollIntervalMs);
    this.now = opts.now ?? Date.now;
    this.fourLetter = opts.fourLetter;
    this.log = new EventLog(opts.maxEvents ?? 500);
    this.connectString = opts.connectString;
    this.extraHosts = opts.extraHosts ?? [];
    this.firstRound = new Promise((resolve) => (this.markFirstRound = resolve));
    this.snapshot = this.build(0, this.now());
  }

  // --- lifecycle -------------------------------------------------------------------------------

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts polling (first round at once). Idempotent. */
  start(): void {
    if (this.running || this.disposed) return;
    this.running = true;
    this.openConfigSource();
    this.kick();
  }

  /** Stops polling; the snapshot and events stay readable. */
  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async dispose(): Promise<void> {
    this.stop();
    this.disposed = true;
    this.changes.clear();
    this.log.clearListeners();
    await this.closeConfigSource();
    await this.current?.catch(() => undefined);
  }

  /** Starts if needed and resolves with the snapshot once the first round is complete. */
  async whenReady(timeoutMs = 5000): Promise<EnsembleSnapshot> {
    this.start();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.firstRound, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    return this.snapshot;
  }

  /** Runs a round now (or right after the one in progress) and resolves when it is done. */
  async refresh(): Promise<EnsembleSnapshot> {
    if (this.current) {
      this.rerun = true;
      await this.current;
    }
    await this.runRound();
    return this.snapshot;
  }

  // --- reading ---------------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => this.changes.on(listener);

  getSnapshot = (): EnsembleSnapshot => this.snapshot;

  onEvent(listener: EventListener): () => void {
    return this.log.subscribe(listener);
  }

  /** The newest `n` events, oldest first. */
  events(n?: number): EnsembleEvent[] {
    return this.log.latest(n);
  }

  /** Ids of the model's own ZooKeeper sessions (the config watch), for `cons`-based checks. */
  ownSessionIds(): string[] {
    const id = this.config?.sessionId;
    return id ? [id] : [];
  }

  /** One look at a server outside the view (a joiner named by address), judged against the snapshot. */
  probe(host: string, port: number): Promise<NodeView> {
    return probeServer({ host, port, snapshot: this.snapshot, pollTimeoutMs: this.timeoutMs, fourLetter: this.fourLetter, now: this.now });
  }

  /** A server named by id (`3`), `server.3` or address (`host:port`, bare host = port 2181). */
  resolve(text: string): NodeView | { host: string; port: number; key: string } | null {
    return resolveServer(this.snapshot.nodes, text);
  }

  // --- inputs from the console -----------------------------------------------------------------

  /** A note or mark from the session (the app's event bus): the timeline shows it in place. */
  noteAnnotation(what: 'note' | 'mark', text: string, author: string): void {
    this.log.append({ kind: 'annotation', what, text, author }, this.now());
  }

  /** The operator's session changed state (from the app's event bus). */
  noteSession(state: string, previous: string, connectString: string): void {
    this.session = { state, connectString };
    this.log.append({ kind: 'session.state', state, previous, connectString }, this.now());
    if (connectString !== this.connectString) this.setConnectString(connectString);
    else this.publish(this.build(this.snapshot.round, this.snapshot.at), false);
  }

  /** `connect` to another ensemble: new seeds, new config watch, same event history. */
  setConnectString(connectString: string): void {
    if (connectString === this.connectString) return;
    // Another door to the ensemble in view (Z4 moves the console to the new servers) keeps the
    // view, so removed servers stay in the panel as former members while they answer. Another
    // ensemble gets a fresh view, so that no leader change or election gap is made up between
    // two unrelated snapshots. The event history stays either way.
    const sameEnsemble = isMemberDoor(this.targets, connectString);
    this.connectString = connectString;
    if (!sameEnsemble) this.resetView();
    if (this.running) {
      void this.closeConfigSource();
      this.openConfigSource();
      this.kick();
    }
  }

  private resetView(): void {
    this.generation += 1;
    this.confFallback = null;
    this.staticMembers.reset();
    this.aliases.clear();
    this.targets = [];
    this.pollers.clear();
    this.parsed.clear();
    this.deriver = new EventDeriver();
    this.leaderlessSince = null;
    this.publish(this.build(0, this.now()), false);
  }

  /** `node config ID …` wrote these server lines: in force once the server restarts (3.4 has no `conf` membership). */
  noteMemberLines(id: number, specs: readonly ServerSpec[]): void {
    this.staticMembers.note(id, specs);
  }

  setExtraHosts(hosts: readonly string[]): void {
    this.extraHosts = [...hosts];
    if (this.running) this.kick();
  }

  setMarker(target: number | string, marker: NodeMarker): void {
    if (this.markers.set(target, marker)) this.publish(this.build(this.snapshot.round, this.snapshot.at), false);
  }

  clearMarkers(opts: { target?: number | string; owner?: string } = {}): void {
    if (this.markers.clear(opts)) this.publish(this.build(this.snapshot.round, this.snapshot.at), false);
  }

  // --- rounds ----------------------------------------------------------------------------------

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.current) {
      this.rerun = true;
      return;
    }
    void this.runRound();
  }

  private runRound(): Promise<void> {
    if (this.current) return this.current;
    this.current = this.round().finally(() => {
      this.current = null;
      this.schedule();
    });
    return this.current;
  }

  private schedule(): void {
    if (!this.running || this.disposed) return;
    if (this.rerun) {
      this.rerun = false;
      this.kick();
      return;
    }
    const leaderless = this.leaderlessSince !== null && this.now() - this.leaderlessSince < FAST_POLL_WINDOW_MS;
    const interval = leaderless ? Math.min(FAST_POLL_MS, this.pollIntervalMs) : this.pollIntervalMs;
    // Interval measured from the start of the last round: a slow round does not stretch the rhythm.
    const wait = Math.max(0, interval - (this.now() - this.roundStartedAt));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runRound();
    }, wait);
    this.timer.unref?.();
  }

  private async round(): Promise<void> {
    const generation = this.generation;
    this.roundStartedAt = this.now();
    // The first round waits a moment for the session config: ids and voters come from it.
    if (this.snapshot.round === 0 && this.config) await this.config.refresh(Math.max(2000, this.timeoutMs * 2));
    this.targets = this.mergedTargets();
    this.syncPollers();
    const detailed = this.detailDue();
    const last = new Map(this.snapshot.nodes.map((n) => [n.key, n]));
    await Promise.all(
      this.targets.map(async (target) => {
        const want = wantedWords(last.get(target.key), detailed);
        const sample = await this.pollers.get(target.key)!.poll(this.timeoutMs, this.now, want);
        if (sample && generation === this.generation) this.parsed.set(target.key, parseSample(sample, this.parsed.get(target.key) ?? null));
      }),
    );
    if (this.disposed || generation !== this.generation) return;
    for (const key of findAliases(this.targets, this.parsed)) this.aliases.add(key);
    const ids = new Map(this.snapshot.nodes.map((n) => [n.key, n.id]));
    this.confFallback = configFromConf(this.parsed.values()) ?? this.staticMembers.derive(this.targets, this.parsed, this.now(), (key) => ids.get(key) ?? null);
    const next = this.build(this.snapshot.round + 1, this.now());
    this.staticMembers.observe(new Map(next.nodes.flatMap((n) => (n.id === null ? [] : [[n.id, n.role] as const]))));
    // A server already on a newer config than the session's: its watch missed the change.
    if (newerConfigSeen(next)) this.config?.reread?.();
    // A standalone server has no leader and never elects one: not an election to time.
    this.leaderlessSince = next.health.leaderKey !== null || next.health.standaloneKey !== null ? null : (this.leaderlessSince ?? next.at);
    this.publish(next, true);
    this.markFirstRound();
  }

  /** Every DETAIL_EVERY-th round, and the round after a config change, asks every word. */
  private detailDue(): boolean {
    const due = this.detailRequested || this.snapshot.round % DETAIL_EVERY === 0;
    this.detailRequested = false;
    return due;
  }

  private committed(): CommittedConfig | null {
    return this.config?.current ?? this.confFallback;
  }

  private mergedTargets(): PollTarget[] {
    return roundTargets({ committed: this.committed(), connectString: this.connectString, extraHosts: this.extraHosts, previous: this.targets, previousNodes: this.snapshot.nodes, aliases: this.aliases });
  }

  private syncPollers(): void {
    const keys = new Set(this.targets.map((t) => t.key));
    for (const key of [...this.pollers.keys()]) if (!keys.has(key)) this.pollers.delete(key);
    for (const key of [...this.parsed.keys()]) if (!keys.has(key)) this.parsed.delete(key);
    for (const target of this.targets) {
      const existing = this.pollers.get(target.key);
      if (!existing) this.pollers.set(target.key, new NodePoller(target, this.fourLetter));
      else Object.assign(existing.target, target);
    }
  }

  private build(round: number, at: number): EnsembleSnapshot {
    const committed = this.committed();
    if (round > 0 || this.targets.length > 0) this.targets = this.mergedTargets();
    const previous = new Map(this.snapshot?.nodes.map((n) => [n.key, n]) ?? []);
    const nodes = withLag(
      this.targets.map((target) => {
        const poller = this.pollers.get(target.key);
        const view = buildNodeView({
          target,
          parsed: this.parsed.get(target.key) ?? null,
          allowed: poller?.allowed ?? { srvr: 'unknown', mntr: 'unknown', conf: 'unknown' },
          committed,
          previous: previous.get(target.key) ?? null,
          marker: null,
        });
        // 3.4's conf lists no membership: what `node config` wrote is the server's own list.
        return { ...view, membership: view.membership ?? this.staticMembers.linesOf(view.id), marker: this.markers.forNode(view) };
      }),
    );
    const leader = nodes.filter((n) => n.role === 'leader');
    const leaderMntr = leader.length === 1 ? (this.parsed.get(leader[0]!.key)?.mntr ?? null) : null;
    return {
      round,
      at,
      pollIntervalMs: this.pollIntervalMs,
      timeoutMs: this.timeoutMs,
      nodes,
      committed,
      health: computeHealth(nodes, committed, leaderMntr),
      session: this.session,
    };
  }

  /** `at` of a snapshot is its round's completion time; events carry `eventTs` (now, for a watch). */
  private publish(next: EnsembleSnapshot, derive: boolean, eventTs = next.at): void {
    const prev = this.snapshot;
    const bodies = derive || prev.committed?.version !== next.committed?.version ? this.deriver.derive(prev, next) : [];
    this.snapshot = next;
    this.changes.emitSafely(); // a broken subscriber must not stop polling
    for (const body of bodies) this.log.append(body, eventTs);
  }

  // --- committed config ------------------------------------------------------------------------

  private openConfigSource(): void {
    const factory = this.opts.clientFactory;
    if (!factory || this.config) return;
    const source = new SessionConfigSource(factory, this.connectString, this.now);
    this.config = source;
    this.offConfig = source.onChange(() => {
      // Show the new membership at once (config.changed with the diff), then poll everyone.
      this.publish(this.build(this.snapshot.round, this.snapshot.at), false, this.now());
      this.detailRequested = true;
      if (this.running) this.kick();
    });
    source.start();
  }

  private async closeConfigSource(): Promise<void> {
    this.offConfig?.();
    this.offConfig = null;
    const source = this.config;
    this.config = null;
    await source?.close();
  }
}

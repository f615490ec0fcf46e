// A ZooKeeper session in its own process, for bulk operations. Why a process: a copy's reads,
// writes and the console's screen each get an event loop of their own (when the binding still
// read one response per event-loop turn, two busy sessions in one process ran ~1.7x slower; since
// it drains its socket the rates are alike, and the TUI still stays responsive). It also runs
// getAcl directly, without the crash-proof helper's four round trips: should a failing getAcl
// ever crash the binding here, only this worker dies and the operation fails cleanly (it can be
// resumed).
//
// Started by bulkSession.ts with fork(); first message: WorkerInit; then batches of requests.
import { createFlags, fromNativeMulti, toNativeAcl, toNativeMultiOps, toStat } from '../../zk/convert.js';
import { RC } from '../../zk/errors.js';
import { loadNativeZk, type NativeZk } from '../../zk/native.js';
import { serversHaveMultiRead } from '../../zk/serverFeatures.js';
import { corkedBurst, invoke, readCalls, type Done } from './nativeCalls.js';
import { nativeReader } from './nativeReader.js';
import { asBuffer, type Reply, type Request, type WalkControl, type WorkerEvent, type WorkerInit } from './protocol.js';
import { WorkerWalk } from './workerWalk.js';

let zk: NativeZk | null = null;
let fast: NativeZk | null = null;
/** Called before each request: the requests of one event-loop turn leave together. */
let burst: (() => void) | null = null;
let init: WorkerInit | null = null;
let outbox: Reply[] = [];
let flushQueued = false;

function send(event: WorkerEvent): void {
  try {
    process.send?.(event);
  } catch {
    process.exit(0); // the parent is gone
  }
}

/**
 * Replies leave in batches: the binding completes one call per event-loop turn, so a flush per
 * turn would still be one IPC message per call. A full batch or 1 ms, whichever first — or at
 * once when nothing else is outstanding (a caller awaiting each call pays no batching delay).
 */
const BATCH = 128;
let flushTimer: NodeJS.Timeout | null = null;
let outstanding = 0;

function flush(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  flushQueued = false;
  const replies = outbox;
  outbox = [];
  if (replies.length > 0) send({ t: 'replies', replies });
}

function reply(r: Reply): void {
  outbox.push(r);
  outstanding -= 1;
  if (outbox.length >= BATCH || outstanding === 0) return flush();
  if (flushQueued) return;
  flushQueued = true;
  flushTimer = setTimeout(flush, 1);
}

function call(id: number, path: string | null, issue: (done: Done) => number): void {
  burst!();
  let settled = false;
  const timer = setTimeout(() => finish(RC.OPERATIONTIMEOUT), init!.callTimeoutMs);
  function finish(rc: number, value?: unknown): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    reply(rc === RC.OK ? { id, ok: value } : { id, rc, path });
  }
  invoke(issue, finish);
}

function handle(r: Request): void {
  outstanding += 1;
  // The binding's JS wrapper formats every call with util.inspect for its debug log (even
  // when logging is off): the hot calls go to the native object underneath it.
  const z = fast!;
  switch (r.op) {
    case 'get':
    case 'exists':
    case 'getChildren':
    case 'getAcl': {
      const read = readCalls[r.op];
      return call(r.id, r.path, (done) => read(z, r.path, done));
    }
    case 'create':
      return call(r.id, r.path, (done) => z.a_create(r.path, asBuffer(r.data), createFlags(r.mode) ?? 0, (rc, _e, created) => done(rc, () => created)));
    case 'set':
      return call(r.id, r.path, (done) => z.a_set(r.path, asBuffer(r.data), -1, (rc, _e, stat) => done(rc, () => toStat(stat!))));
    case 'setAcl':
      return call(r.id, r.path, (done) => zk!.a_set_acl(r.path, -1, toNativeAcl(r.acl), (rc) => done(rc, () => undefined)));
    case 'delete':
      return call(r.id, r.path, (done) => z.a_delete_(r.path, -1, (rc) => done(rc, () => undefined)));
    case 'multi': {
      // Structured clone hands the data over as Uint8Array: the addon wants Buffers.
      const ops = r.ops.map((o) => ('data' in o ? { ...o, data: asBuffer(o.data) } : o));
      return call(r.id, r.path, (done) => z.a_multi(toNativeMultiOps(ops), (rc, _e, results) => done(RC.OK, () => fromNativeMulti(rc, results, ops.length))));
    }
    case 'sync':
      return call(r.id, r.path, (done) => z.a_sync(r.path, (rc) => done(rc, () => undefined)));
  }
}

function start(cfg: WorkerInit): void {
  init = cfg;
  const Native = loadNativeZk();
  const native = new Native({ connect: cfg.connectString, timeout: cfg.sessionTimeoutMs, debug_level: 0, response_counter_limit: 1_000_000 });
  const giveUp = setTimeout(() => send({ t: 'fatal', message: `no connection to ${cfg.connectString}` }), cfg.callTimeoutMs);
  native.once('connect', () => {
    clearTimeout(giveUp);
    zk = native;
    fast = ((native as unknown as { native?: NativeZk }).native ?? native) as NativeZk;
    burst = corkedBurst(fast);
    for (const a of cfg.auths) native.add_auth(a.scheme, a.auth, () => {});
    // add_auth only queues its packet: a round trip sends it before the first real request.
    native.a_exists('/', false, () => send({ t: 'ready' }));
  });
  native.on('close', () => process.exit(0));
  native.init({});
}

const walks = new Map<number, WorkerWalk>();
/**
 * Whether this session's walks batch their getData into multiRead requests: only when every
 * server of the ensemble runs 3.6+ (asked once, at the first walk). ZKPILOT_MULTI_READ=0 turns it
 * off (the bench measures copy both ways).
 */
let multiRead: Promise<boolean> | null = null;

function control(c: WalkControl): void {
  if (c.t === 'walkCredit') return walks.get(c.id)?.credit(c.nodes, c.bytes);
  if (c.t === 'walkStop') return walks.get(c.id)?.stop();
  const walk = new WorkerWalk(c, send);
  walks.set(c.id, walk);
  multiRead ??= process.env.ZKPILOT_MULTI_READ === '0' ? Promise.resolve(false) : serversHaveMultiRead(init!.connectString);
  void multiRead
    .then((batched) => walk.run(nativeReader(fast!, { multiRead: batched })))
    .finally(() => walks.delete(c.id));
}

process.on('message', (message: WorkerInit | Request[] | WalkControl | 'close') => {
  if (message === 'close') {
    zk?.close();
    process.exit(0);
  }
  if (Array.isArray(message)) {
    for (const r of message) handle(r);
    return;
  }
  if ('t' in message) return control(message);
  start(message);
});
process.on('disconnect', () => process.exit(0));

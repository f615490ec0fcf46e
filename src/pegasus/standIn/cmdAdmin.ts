// The stand-in's commands that change the cluster: meta function level, meta recovery from the
// replica servers, create and drop — each writing real state (cluster.json, the ZooKeeper tree).
import { getoptLong } from './args.js';
import { metaCall, type Executor, type ShellCtx } from './context.js';
import { appInfoJson, partitionJson, writeApps } from './layout.js';
import { MetaError } from './meta.js';
import { updateState, type ClusterState, type Level, type ReplicaApp } from './state.js';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const LEVELS: readonly Level[] = ['stopped', 'blind', 'freezed', 'steady', 'lively'];

export const getMetaLevelCommand: Executor = async (ctx) => {
  await metaCall(ctx, (code) => `get meta level got error ${code}`, async () => {
    ctx.out(`current meta level is fl_${ctx.meta.reachable().level}\n`);
  });
  return true;
};

export const setMetaLevelCommand: Executor = async (ctx, argv) => {
  if (argv.length !== 2) return false;
  const wanted = LEVELS.find((l) => `fl_${l}` === `fl_${argv[1]!}`.toLowerCase());
  if (wanted === undefined) {
    // v2.5.0 prints this without a newline; the USAGE line follows on stdout.
    ctx.err(`parse ${argv[1]} as meta function level failed`);
    return false;
  }
  await metaCall(ctx, (code) => `control meta level got error ${code}`, async () => {
    const old = ctx.meta.reachable().level;
    updateState(ctx.meta.stateDir, (s) => {
      s.level = wanted;
    });
    ctx.out(`control meta level ok, the old level is fl_${old}\n`);
  });
  return true;
};

const IP_PORT = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d{1,5})$/;

export const recoverCommand: Executor = async (ctx, argv) => {
  const p = getoptLong(argv, [
    { short: 'f', long: 'node_list_file', arg: true }, { short: 's', long: 'node_list_str', arg: true },
    { short: 'w', long: 'wait_seconds', arg: true }, { short: 'o', long: 'output', arg: true },
    { short: 'b', long: 'skip_bad_nodes' }, { short: 'l', long: 'skip_lost_partitions' },
  ], (l) => ctx.err(`${l}\n`));
  if (p === null) return false;
  let wait = 100;
  const w = p.opts.get('w') as string | undefined;
  if (w !== undefined) {
    if (!/^-?\d+$/.test(w)) {
      ctx.err(`parse ${w} as wait_seconds failed\n`);
      return false;
    }
    wait = Number(w);
  }
  if (wait <= 0) {
    ctx.err(`invalid wait_seconds ${wait}, should be positive number\n`);
    return false;
  }
  const file = p.opts.get('f') as string | undefined;
  const list = p.opts.get('s') as string | undefined;
  if (!file && !list) {
    ctx.err('should specify one of node_list_file/node_list_str\n');
    return false;
  }
  if (file && list) {
    ctx.err('should only specify one of node_list_file/node_list_str\n');
    return false;
  }
  const nodes: string[] = [];
  if (list) {
    for (const token of list.split(',').filter((t) => t.length > 0)) {
      if (!IP_PORT.test(token)) {
        ctx.err(`parse ${token} as a ip:port node failed\n`);
        return true;
      }
      nodes.push(token);
    }
  } else {
    let text: string;
    try {
      text = await readFile(path.resolve(ctx.cwd, file!), 'utf8');
    } catch {
      ctx.err(`open file ${file} failed\n`);
      return true;
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
      if (!IP_PORT.test(line)) {
        ctx.err(`parse ${line} at file ${file} line ${i + 1} as ip:port failed\n`);
        return true;
      }
      nodes.push(line);
    }
    if (nodes.length === 0) {
      ctx.err(`no node specified in file ${file}\n`);
      return true;
    }
  }
  const output = p.opts.get('o') as string | undefined;
  let printed = '';
  const out = (text: string): void => {
    if (output === undefined) ctx.out(text);
    else printed += text;
  };
  const unique: string[] = [];
  for (const n of nodes) {
    if (unique.includes(n)) out(`duplicate replica node ${n}, just ingore it\n`);
    else unique.push(n);
  }
  out(`Wait seconds: ${wait}\nSkip bad nodes: ${p.opts.has('b')}\nSkip lost partitions: ${p.opts.has('l')}\nNode list:\n=============================\n`);
  out(unique.map((n) => `${n}\n`).join(''));
  out('=============================\n');
  let code: string;
  let hint = '';
  try {
    ({ code, hint } = await startRecovery(ctx, unique, p.opts.has('b'), p.opts.has('l')));
  } catch (e) {
    if (!(e instanceof MetaError)) throw e;
    // The RPC itself failed (no meta answering): the shell waits, then gives up.
    code = 'ERR_TIMEOUT';
    out('Wait recovery failed, administrator should check the meta for progress\n');
    hint = '';
  }
  if (code !== 'ERR_TIMEOUT') {
    out(`Recover result: ${code}\n`);
    if (hint) out(`=============================\n${hint}=============================\n`);
  }
  if (output !== undefined) {
    writeFileSync(path.resolve(ctx.cwd, output), printed);
    ctx.out(`recover complete with err = ${code}\n`);
  }
  return true;
};

/** The meta's side of RPC_CM_START_RECOVERY: collect from the listed replica servers, rebuild. */
async function startRecovery(ctx: ShellCtx, nodes: string[], skipBad: boolean, skipLost: boolean): Promise<{ code: string; hint: string }> {
  const state = ctx.meta.reachable({ duringRecovery: true });
  if (!state.recovering) return { code: 'ERR_SERVICE_ALREADY_RUNNING', hint: '' };
  let hint = '';
  const alive = new Set(state.replicaServers.filter((r) => r.alive).map((r) => r.address));
  const good = nodes.filter((n) => alive.has(n));
  const bad = nodes.filter((n) => !alive.has(n));
  for (const n of bad) {
    hint += skipBad
      ? `WARNING: collect app and replica info from node(${n}) failed with err(ERR_NETWORK_FAILURE), skip the bad node\n`
      : `ERROR: collect app and replica info from node(${n}) failed with err(ERR_NETWORK_FAILURE), you can skip it by set skip_bad_nodes option\n`;
  }
  if (bad.length > 0 && !skipBad) return { code: 'ERR_TRY_AGAIN', hint };
  const collected = new Set(good);
  let lost = false;
  const apps: ReplicaApp[] = [];
  const names = new Set<string>();
  for (const app of [...state.replicaData].sort((a, b) => b.appId - a.appId)) {
    let appName = app.appName;
    if (names.has(appName)) {
      hint += `WARNING: app(${app.appId})'s old name(${appName}) is conflict with others, rename it to (${appName}-${app.appId})\n`;
      appName = `${appName}-${app.appId}`;
    }
    names.add(appName);
    const partitions = app.partitions.map((holders, pidx) => {
      const have = holders.filter((h) => collected.has(h));
      if (have.length === 0) {
        lost = true;
        hint += skipLost
          ? `WARNING: partition(${app.appId}.${pidx}) has no replica collected, force recover the lost partition to empty\n`
          : `ERROR: partition(${app.appId}.${pidx}) has no replica collected, you can force recover it by set skip_lost_partitions option\n`;
      } else if (have.length < app.maxReplicaCount) {
        hint += `WARNING: partition(${app.appId}.${pidx}) only collects ${have.length}/${app.maxReplicaCount} of replicas, may lost data\n`;
      }
      return have;
    });
    // Soft-deleted tables come back as normal tables.
    apps.push({ ...app, appName, status: 'AVAILABLE', partitions });
  }
  if (lost && !skipLost) return { code: 'ERR_TRY_AGAIN', hint };
  await writeApps(await ctx.meta.zk(state), state.meta.clusterRoot, apps.sort((a, b) => a.appId - b.appId), 4);
  updateState(ctx.meta.stateDir, (s) => {
    s.recovering = false;
    s.level = s.meta.functionLevelOnStart;
  });
  return { code: 'ERR_OK', hint };
}

export const createCommand: Executor = async (ctx, argv) => {
  const p = getoptLong(argv, [
    { short: 'p', long: 'partition_count', arg: true }, { short: 'r', long: 'replica_count', arg: true },
    { short: 'f', long: 'fail_if_exist' }, { short: 'e', long: 'envs', arg: true },
  ], (l) => ctx.err(`${l}\n`));
  if (p === null || p.positionals.length !== 1) return false;
  const name = p.positionals[0]!;
  const partitionCount = Number(p.opts.get('p') ?? 4);
  const replicaCount = Number(p.opts.get('r') ?? 3);
  if (!Number.isInteger(partitionCount) || partitionCount <= 0 || !Number.isInteger(replicaCount) || replicaCount <= 0) return false;
  const envs: Record<string, string> = {};
  for (const kv of ((p.opts.get('e') as string | undefined) ?? '').split(',').filter((s) => s.length > 0)) {
    const [k, ...v] = kv.split('=');
    envs[k!] = v.join('=');
  }
  const fail = (code: string): void => ctx.out(`create app ${name} failed: [create] received server error: ${code}\ncreate app "${name}" failed, error = ${code}\n`);
  try {
    const state = ctx.meta.reachable();
    if (!/^[0-9a-zA-Z.:_]+$/.test(name)) return (fail('ERR_INVALID_PARAMETERS'), true);
    if (LEVELS.indexOf(state.level) <= LEVELS.indexOf('freezed')) return (fail('ERR_STATE_FREEZED'), true);
    const existing = state.replicaData.find((a) => a.appName === name && a.status === 'AVAILABLE');
    if (existing) {
      if (p.opts.has('f')) return (fail('ERR_APP_EXIST'), true);
      if (existing.partitionCount !== partitionCount || existing.maxReplicaCount !== replicaCount) return (fail('ERR_INVALID_PARAMETERS'), true);
    } else {
      await addApp(ctx, state, name, partitionCount, replicaCount, envs);
    }
  } catch (e) {
    if (!(e instanceof MetaError)) throw e;
    return (fail(e.code), true);
  }
  ctx.out(`create app ${name} succeed, waiting for app ready\n${name} is ready now: (${partitionCount}/${partitionCount})\n${name} is ready now!\ncreate app "${name}" succeed\n`);
  return true;
};

async function addApp(ctx: ShellCtx, state: ClusterState, name: string, partitionCount: number, replicaCount: number, envs: Record<string, string>): Promise<void> {
  const alive = state.replicaServers.filter((r) => r.alive).map((r) => r.address);
  const appId = Math.max(0, ...state.replicaData.map((a) => a.appId)) + 1;
  const partitions = Array.from({ length: partitionCount }, (_, pidx) => Array.from({ length: Math.min(replicaCount, alive.length) }, (_, k) => alive[(pidx + k) % alive.length]!));
  const app: ReplicaApp = { appId, appName: name, partitionCount, maxReplicaCount: replicaCount, envs, createSecond: Math.floor(Date.now() / 1000), status: 'AVAILABLE', partitions };
  await writeApps(await ctx.meta.zk(state), state.meta.clusterRoot, [app]);
  updateState(ctx.meta.stateDir, (s) => {
    s.replicaData.push(app);
  });
}

export const dropCommand: Executor = async (ctx, argv) => {
  const p = getoptLong(argv, [{ short: 'r', long: 'reserve_seconds', arg: true }], (l) => ctx.err(`${l}\n`));
  if (p === null || p.positionals.length !== 1) return false;
  const name = p.positionals[0]!;
  const reserve = Number(p.opts.get('r') ?? 604800);
  ctx.out(`reserve_seconds = ${reserve}\n`);
  await metaCall(ctx, (code) => `drop app ${name} failed, error=${code}`, async () => {
    const state = ctx.meta.reachable();
    const app = state.replicaData.find((a) => a.appName === name && a.status === 'AVAILABLE');
    if (!app) throw new MetaError('ERR_APP_NOT_EXIST');
    const now = Math.floor(Date.now() / 1000);
    const dropped: ReplicaApp = { ...app, status: 'DROPPED', dropSecond: now, expireSecond: now + reserve };
    const zk = await ctx.meta.zk(state);
    const base = `${state.meta.clusterRoot}/apps/${app.appId}`;
    await zk.set(base, Buffer.from(appInfoJson(dropped)));
    await Promise.all(dropped.partitions.map((holders, pidx) => zk.set(`${base}/${pidx}`, Buffer.from(partitionJson(dropped, pidx, holders)))));
    updateState(ctx.meta.stateDir, (s) => {
      s.replicaData = s.replicaData.map((a) => (a.appId === app.appId ? dropped : a));
    });
    ctx.out(`drop app ${name} succeed\n`);
  });
  return true;
};

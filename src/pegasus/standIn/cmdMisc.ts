// The stand-in's shell settings (use, timeout, escape_all), app envs, remote commands
// (server_info & co.) and copy_data — the commands that write to stderr in v2.5.0.
import { setTimeout as delay } from 'node:timers/promises';
import { TablePrinter } from '../tablePrinter.js';
import { getoptLong } from './args.js';
import { dateTime, metaCall, type Executor, type ShellCtx } from './context.js';
import { appInfoJson } from './layout.js';
import { MetaError } from './meta.js';
import { leader, updateState } from './state.js';

export const STANDIN_VERSION = '2.5.0';
const BUILD = '(zkpilot-stand-in) Release';

export const versionCommand: Executor = async (ctx) => {
  ctx.out(`Pegasus Shell ${STANDIN_VERSION} ${BUILD}\n`);
  return true;
};

export const useCommand: Executor = async (ctx, argv) => {
  if (argv.length === 1) {
    if (ctx.currentApp === null) {
      ctx.err('Current app not specified.\n');
      return false;
    }
    ctx.err(`Current app: ${ctx.currentApp}\n`);
    return true;
  }
  if (argv.length !== 2) return false;
  // As the real shell: no check that the table exists.
  ctx.currentApp = argv[1]!;
  ctx.err('OK\n');
  return true;
};

export const timeoutCommand: Executor = async (ctx, argv) => {
  if (argv.length === 1) {
    ctx.err(`Current timeout: ${ctx.timeoutMs} ms.\n`);
    return true;
  }
  if (argv.length !== 2 || !/^\d+$/.test(argv[1]!)) return false;
  ctx.timeoutMs = Number(argv[1]);
  ctx.err('OK\n');
  return true;
};

export const escapeAllCommand: Executor = async (ctx, argv) => {
  if (argv.length === 1) {
    ctx.err(`Current escape_all: ${ctx.escapeAll}.\n`);
    return true;
  }
  if (argv.length !== 2 || !['true', 'false'].includes(argv[1]!)) return false;
  ctx.escapeAll = argv[1] === 'true';
  ctx.err('OK\n');
  return true;
};

function requireApp(ctx: ShellCtx): string | null {
  if (ctx.currentApp === null) ctx.err('No app is using now\nUSAGE: use [app_name]\n');
  return ctx.currentApp;
}

export const getAppEnvsCommand: Executor = async (ctx, argv) => {
  const name = requireApp(ctx);
  if (name === null) return true;
  const json = argv.includes('-j') || argv.includes('--json');
  try {
    const app = await ctx.meta.app(ctx.meta.reachable(), name);
    const envs = Object.entries(app.info.envs ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    if (envs.length === 0) return true;
    const tp = new TablePrinter('app_envs');
    for (const [k, v] of envs) tp.addRowNameAndData(k, v);
    ctx.out(json ? tp.json() : tp.tabular());
  } catch (e) {
    if (!(e instanceof MetaError)) throw e;
    ctx.err(`get app env failed with err = ${e.code}\n`);
  }
  return true;
};

export const setAppEnvsCommand: Executor = async (ctx, argv) => {
  const name = requireApp(ctx);
  if (name === null) return true;
  const pairs = argv.slice(1);
  if (pairs.length === 0) return false;
  if (pairs.length % 2 === 1) {
    ctx.err(`need speficy the value for key = ${pairs[pairs.length - 1]}\n`);
    return true;
  }
  try {
    const state = ctx.meta.reachable();
    const app = await ctx.meta.app(state, name);
    const envs = { ...app.info.envs };
    for (let i = 0; i < pairs.length; i += 2) envs[pairs[i]!] = pairs[i + 1]!;
    const replica = state.replicaData.find((a) => a.appId === app.info.app_id);
    if (replica) {
      const zk = await ctx.meta.zk(state);
      await zk.set(`${state.meta.clusterRoot}/apps/${app.info.app_id}`, Buffer.from(appInfoJson({ ...replica, envs })));
      updateState(ctx.meta.stateDir, (s) => {
        for (const a of s.replicaData) if (a.appId === replica.appId) a.envs = envs;
      });
    }
    ctx.out('set app envs succeed\n');
  } catch (e) {
    if (!(e instanceof MetaError)) throw e;
    ctx.err(`set app envs failed with error ${e.code}!\n`);
  }
  return true;
};

/** server_info, server_stat, flush_log and remote_command: v2.5.0 prints all of it on stderr. */
export function remoteCommand(fixed: string | null): Executor {
  return async (ctx, argv) => {
    const p = getoptLong(argv, [{ short: 't', long: 'node_type', arg: true }, { short: 'l', long: 'node_list', arg: true }, { short: 'r', long: 'resolve_ip' }], (l) => ctx.err(`${l}\n`));
    if (p === null) return false;
    const type = (p.opts.get('t') as string | undefined) ?? (p.opts.has('l') ? '' : 'all');
    if (p.opts.has('t') && p.opts.has('l')) {
      ctx.err('can not specify both node_type and node_list\n');
      return false;
    }
    if (type && !['all', 'meta-server', 'replica-server'].includes(type)) {
      ctx.err('invalid type, should be: all | meta-server | replica-server\n');
      return false;
    }
    const words = fixed === null ? p.positionals : [...p.positionals, fixed];
    if (words.length === 0) {
      ctx.err('command not specified\n');
      return false;
    }
    const state = ctx.meta.state();
    const targets: { role: string; address: string; up: boolean }[] = [];
    if (type === 'all' || type === 'meta-server') state.metaServers.forEach((m, i) => targets.push({ role: 'meta-server', address: m, up: state.metaRunning[i] === true }));
    if (type === 'all' || type === 'replica-server') {
      if (leader(state) === null) {
        ctx.err(`prepare nodes failed, type = ${type}\n`);
        return true;
      }
      for (const r of state.replicaServers) if (r.alive) targets.push({ role: 'replica-server', address: r.address, up: true });
    }
    if (!type) for (const a of (p.opts.get('l') as string).split(',')) targets.push({ role: 'user-specified', address: a, up: true });
    let text = `COMMAND: ${words.join(' ')}\n\n`;
    let ok = 0;
    for (const t of targets) {
      const reply = words[0] === 'server-info' ? `Pegasus Server ${STANDIN_VERSION} ${BUILD}, Started at ${dateTime(Math.floor(Date.now() / 1000) - 3600, ' ')}` : 'OK';
      text += t.up ? `CALL [${t.role}] [${t.address}] succeed: ${reply}\n` : `CALL [${t.role}] [${t.address}] failed: ERR_NETWORK_FAILURE\n`;
      if (t.up) ok += 1;
    }
    ctx.err(`${text}\nSucceed count: ${ok}\nFailed count: ${targets.length - ok}\n`);
    return true;
  };
}

export const copyDataCommand: Executor = async (ctx, argv) => {
  const p = getoptLong(argv, [
    { short: 'c', long: 'target_cluster_name', arg: true }, { short: 'a', long: 'target_app_name', arg: true },
    { short: 'p', long: 'partition', arg: true }, { short: 'b', long: 'max_batch_count', arg: true }, { short: 't', long: 'timeout_ms', arg: true },
    { short: 'h', long: 'hash_key_filter_type', arg: true }, { short: 'x', long: 'hash_key_filter_pattern', arg: true },
    { short: 's', long: 'sort_key_filter_type', arg: true }, { short: 'y', long: 'sort_key_filter_pattern', arg: true },
    { short: 'v', long: 'value_filter_type', arg: true }, { short: 'z', long: 'value_filter_pattern', arg: true },
    { short: 'm', long: 'max_multi_set_concurrency', arg: true }, { short: 'o', long: 'scan_option_batch_size', arg: true },
    { short: 'e', long: 'no_ttl' }, { short: 'n', long: 'no_overwrite' }, { short: 'i', long: 'no_value' }, { short: 'g', long: 'geo_data' }, { short: 'u', long: 'use_multi_set' },
  ], (l) => ctx.err(`${l}\n`));
  if (p === null) return false;
  const source = requireApp(ctx);
  if (source === null) return true;
  const targetCluster = p.opts.get('c') as string | undefined;
  const targetApp = p.opts.get('a') as string | undefined;
  if (!targetCluster) return (ctx.err('ERROR: target_cluster_name not specified\n'), false);
  if (!targetApp) return (ctx.err('ERROR: target_app_name not specified\n'), false);
  await metaCall(ctx, (code) => `ERROR: open source app scanner failed: ${code}`, async () => {
    const state = ctx.meta.reachable();
    if (targetCluster === state.clusterName && targetApp === source) return void ctx.err('ERROR: source app and target app is the same\n');
    if (targetCluster !== state.clusterName && !(targetCluster in state.clusters)) return void ctx.err('ERROR: get target app client failed\n');
    const app = await ctx.meta.app(state, source);
    const splits = app.info.partition_count;
    const info = [
      ['source_cluster_name', state.clusterName], ['source_app_name', source], ['target_cluster_name', targetCluster], ['target_app_name', targetApp],
      ['partition', (p.opts.get('p') as string | undefined) ?? 'all'], ['max_batch_count', (p.opts.get('b') as string | undefined) ?? '500'],
      ['timeout_ms', (p.opts.get('t') as string | undefined) ?? String(ctx.timeoutMs)], ['hash_key_filter_type', 'no_filter'],
      ['sort_key_filter_type', 'no_filter'], ['value_filter_type', 'no_filter'], ['no_overwrite', String(p.opts.has('n'))], ['no_value', String(p.opts.has('i'))],
    ];
    ctx.err(info.map(([k, v]) => `INFO: ${k} = ${v}\n`).join(''));
    ctx.err(`INFO: open source app scanner succeed, partition_count = ${splits}\nINFO: prepare scanners succeed, split_count = ${splits}\n`);
    // Rows are made up (the stand-in stores no data), the rhythm is real: one line per second.
    const perSplit = Array.from({ length: splits }, (_, i) => 1000 + 37 * i);
    const seconds = Math.max(1, ctx.copySeconds);
    let total = 0;
    for (let s = 1; s <= seconds; s++) {
      await delay(Number(process.env['ZKPILOT_STANDIN_TICK_MS'] ?? 1000));
      const done = Math.floor((splits * s) / seconds);
      const target = perSplit.slice(0, done).reduce((a, b) => a + b, 0) + (s < seconds ? Math.floor(perSplit[done] ?? 0) / 2 : 0);
      const last = Math.floor(target) - total;
      total = Math.floor(target);
      ctx.err(`INFO: processed for ${s} seconds, (${done}/${splits}) splits, total ${total} rows, last second ${last} rows\n`);
    }
    ctx.err(`${perSplit.map((n, i) => `INFO: split[${i}]: ${n} rows\n`).join('')}\nCopy done, total ${total} rows.\n`);
  });
  return true;
};

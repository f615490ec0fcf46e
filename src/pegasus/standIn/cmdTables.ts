// The read-only table commands of the stand-in: ls, nodes, app, cluster_info, with v2.5.0's
// options, table layouts, -o files and -j JSON.
import { MultiTablePrinter, TablePrinter } from '../tablePrinter.js';
import { getoptLong } from './args.js';
import { dateTime, emit, metaCall, type Executor } from './context.js';
import { NO_ADDRESS, pidxOf, statusName } from './layout.js';
import { compareAddress } from './meta.js';

export const lsCommand: Executor = async (ctx, argv) => {
  const p = getoptLong(argv, [
    { short: 'a', long: 'all' }, { short: 'd', long: 'detailed' }, { short: 'j', long: 'json' },
    { short: 'o', long: 'output', arg: true }, { short: 's', long: 'status', arg: true },
  ], (l) => ctx.err(`${l}\n`));
  if (p === null) return false;
  const status = p.opts.get('s') as string | undefined;
  const statuses = ['all', 'available', 'creating', 'dropping', 'dropped'];
  if (status !== undefined && !statuses.includes(status)) {
    ctx.err(`parse ${status} as app_status::type failed`);
    return false;
  }
  const showAll = p.opts.has('a') || (status !== undefined && status !== 'available');
  await metaCall(ctx, (code) => `list apps failed, error=${code}`, async () => {
    const state = ctx.meta.reachable();
    const wanted = status === undefined || status === 'all' ? null : status.toUpperCase();
    const apps = (await ctx.meta.apps(state)).filter((a) => wanted === null || statusName(a.info) === wanted);
    const mtp = new MultiTablePrinter();
    const general = new TablePrinter('general_info').addTitle('app_id');
    for (const c of ['status', 'app_name', 'app_type', 'partition_count', 'replica_count', 'is_stateful', 'create_time', 'drop_time', 'drop_expire', 'envs_count']) general.addColumn(c);
    let available = 0;
    for (const { info } of apps) {
      const st = statusName(info);
      if (!showAll && st !== 'AVAILABLE') continue;
      let dropTime = '-';
      let dropExpire = '-';
      if (st === 'AVAILABLE') available += 1;
      else if (st === 'DROPPED' && info.expire_second > 0) {
        if (info.drop_second > 0) dropTime = dateTime(info.drop_second);
        dropExpire = dateTime(info.expire_second);
      }
      general.addRow(info.app_id).appendData(st).appendData(info.app_name).appendData(info.app_type)
        .appendData(info.partition_count).appendData(info.max_replica_count).appendData(Boolean(info.is_stateful))
        .appendData(info.create_second > 0 ? dateTime(info.create_second) : '-').appendData(dropTime).appendData(dropExpire)
        .appendData(Object.keys(info.envs ?? {}).length);
    }
    mtp.add(general);
    const detailed = p.opts.has('d') && available > 0;
    const totals = { fully: 0, unhealthy: 0, write: 0, read: 0 };
    if (detailed) {
      const health = new TablePrinter('healthy_info').addTitle('app_id');
      for (const c of ['app_name', 'partition_count', 'fully_healthy', 'unhealthy', 'write_unhealthy', 'read_unhealthy']) health.addColumn(c);
      for (const app of apps) {
        if (statusName(app.info) !== 'AVAILABLE') continue;
        const h = partitionHealth(app.partitions);
        health.addRow(app.info.app_id).appendData(app.info.app_name).appendData(app.info.partition_count)
          .appendData(h.fully).appendData(app.info.partition_count - h.fully).appendData(h.write).appendData(h.read);
        if (h.fully === app.info.partition_count) totals.fully += 1;
        else totals.unhealthy += 1;
        if (h.write > 0) totals.write += 1;
        if (h.read > 0) totals.read += 1;
      }
      mtp.add(health);
    }
    const summary = new TablePrinter('summary').addRowNameAndData('total_app_count', available);
    if (detailed) {
      summary.addRowNameAndData('fully_healthy_app_count', totals.fully).addRowNameAndData('unhealthy_app_count', totals.unhealthy)
        .addRowNameAndData('write_unhealthy_app_count', totals.write).addRowNameAndData('read_unhealthy_app_count', totals.read);
    }
    mtp.add(summary);
    emit(ctx, p.opts.get('o') as string | undefined, p.opts.has('j') ? mtp.json() : mtp.tabular());
  });
  return true;
};

/** replication_common add_app_info's health rules. */
export function partitionHealth(partitions: readonly { primary: string; secondaries: string[]; max_replica_count: number }[]): { fully: number; write: number; read: number } {
  let fully = 0;
  let write = 0;
  let read = 0;
  for (const p of partitions) {
    const hasPrimary = p.primary !== NO_ADDRESS;
    const replicas = (hasPrimary ? 1 : 0) + p.secondaries.length;
    if (hasPrimary) {
      if (replicas >= p.max_replica_count) fully += 1;
      else if (replicas < 2) write += 1;
    } else {
      write += 1;
      read += 1;
    }
  }
  return { fully, write, read };
}

export const nodesCommand: Executor = async (ctx, argv) => {
  const p = getoptLong(argv, [
    { short: 'd', long: 'detailed' }, { short: 'r', long: 'resolve_ip' }, { short: 'u', long: 'resource_usage' },
    { short: 'q', long: 'qps' }, { short: 'j', long: 'json' }, { short: 's', long: 'status', arg: true }, { short: 'o', long: 'output', arg: true },
  ], (l) => ctx.err(`${l}\n`));
  if (p === null) return false;
  const status = p.opts.get('s') as string | undefined;
  const file = p.opts.get('o') as string | undefined;
  if (status !== undefined && !['all', 'alive', 'unalive'].includes(status)) {
    ctx.err(`parse ${status} as node_status::type failed`);
    return false;
  }
  const mtp = new MultiTablePrinter();
  if (status !== undefined || file !== undefined) {
    const params = new TablePrinter('parameters');
    if (status !== undefined) params.addRowNameAndData('status', status);
    if (file !== undefined) params.addRowNameAndData('out_file', file);
    mtp.add(params);
  }
  await metaCall(ctx, (code) => `list nodes failed, error=${code}`, async () => {
    const state = ctx.meta.reachable();
    const detailed = p.opts.has('d');
    const all = await ctx.meta.nodes(state, detailed);
    const nodes = all.filter((n) => status === undefined || status === 'all' || (status === 'alive') === n.alive);
    const details = new TablePrinter('details').addTitle('address').addColumn('status');
    const numeric: string[] = [];
    if (detailed) numeric.push('replica_count', 'primary_count', 'secondary_count');
    if (p.opts.has('u')) numeric.push('memused_res_mb', 'block_cache_mb', 'mem_tbl_mb', 'mem_idx_mb', 'disk_avl_total_ratio', 'disk_avl_min_ratio');
    if (p.opts.has('q')) numeric.push('get_qps', 'mget_qps', 'bget_qps', 'read_cu', 'put_qps', 'mput_qps', 'write_cu', 'get_p99(ms)', 'mget_p99(ms)', 'bget_p99(ms)', 'put_p99(ms)', 'mput_p99(ms)');
    for (const c of numeric) details.addColumn(c, 'right');
    for (const n of nodes) {
      details.addRow(n.address).appendData(n.alive ? 'ALIVE' : 'UNALIVE');
      if (detailed) details.appendData(n.primaryCount + n.secondaryCount).appendData(n.primaryCount).appendData(n.secondaryCount);
      // The stand-in has no replica processes to ask for usage or QPS: zeros, in the real layout.
      for (let i = detailed ? 3 : 0; i < numeric.length; i++) details.appendData(0);
    }
    mtp.add(details);
    const alive = nodes.filter((n) => n.alive).length;
    mtp.add(new TablePrinter('summary').addRowNameAndData('total_node_count', nodes.length).addRowNameAndData('alive_node_count', alive).addRowNameAndData('unalive_node_count', nodes.length - alive));
    emit(ctx, file, p.opts.has('j') ? mtp.json() : mtp.tabular());
  });
  return true;
};

export const clusterInfoCommand: Executor = async (ctx, argv) => {
  const p = getoptLong(argv, [{ short: 'r', long: 'resolve_ip' }, { short: 'j', long: 'json' }, { short: 'o', long: 'output', arg: true }], (l) => ctx.err(`${l}\n`));
  if (p === null) return false;
  await metaCall(ctx, (code) => `get cluster info failed, error=${code}`, async () => {
    const state = ctx.meta.reachable();
    const tp = new TablePrinter('cluster_info');
    for (const [k, v] of ctx.meta.clusterInfo(state)) tp.addRowNameAndData(k, v);
    emit(ctx, p.opts.get('o') as string | undefined, p.opts.has('j') ? tp.json() : tp.tabular());
  });
  return true;
};

export const appCommand: Executor = async (ctx, argv) => {
  const p = getoptLong(argv, [{ short: 'd', long: 'detailed' }, { short: 'r', long: 'resolve_ip' }, { short: 'o', long: 'output', arg: true }, { short: 'j', long: 'json' }], (l) => ctx.err(`${l}\n`));
  if (p === null) return false;
  const name = p.positionals[0];
  if (name === undefined) return false;
  const file = p.opts.get('o') as string | undefined;
  const detailed = p.opts.has('d');
  await metaCall(ctx, (code) => `query app ${name} failed, error=${code}`, async () => {
    const app = await ctx.meta.app(ctx.meta.reachable(), name);
    const mtp = new MultiTablePrinter();
    const params = new TablePrinter('parameters').addRowNameAndData('app_name', name);
    if (file !== undefined) params.addRowNameAndData('out_file', file);
    mtp.add(params.addRowNameAndData('detailed', detailed));
    const partitions = [...app.partitions].sort((a, b) => pidxOf(a) - pidxOf(b));
    mtp.add(new TablePrinter('general').addRowNameAndData('app_name', name).addRowNameAndData('app_id', app.info.app_id)
      .addRowNameAndData('partition_count', app.info.partition_count).addRowNameAndData('max_replica_count', partitions[0]?.max_replica_count ?? 0));
    if (detailed) {
      const replicas = new TablePrinter('replicas').addTitle('pidx').addColumn('ballot').addColumn('replica_count').addColumn('primary').addColumn('secondaries');
      const perNode = new Map<string, [number, number]>();
      let prim = 0;
      let sec = 0;
      for (const part of partitions) {
        const hasPrimary = part.primary !== NO_ADDRESS;
        if (hasPrimary) {
          (perNode.get(part.primary) ?? perNode.set(part.primary, [0, 0]).get(part.primary)!)[0] += 1;
          prim += 1;
        }
        for (const s of part.secondaries) (perNode.get(s) ?? perNode.set(s, [0, 0]).get(s)!)[1] += 1;
        sec += part.secondaries.length;
        replicas.addRow(pidxOf(part)).appendData(part.ballot).appendData(`${(hasPrimary ? 1 : 0) + part.secondaries.length}/${part.max_replica_count}`)
          .appendData(hasPrimary ? part.primary : '-').appendData(`[${part.secondaries.join(',')}]`);
      }
      mtp.add(replicas);
      const nodes = new TablePrinter('nodes').addTitle('node').addColumn('primary').addColumn('secondary').addColumn('total');
      for (const [node, [pc, sc]] of [...perNode.entries()].sort(([a], [b]) => compareAddress(a, b))) nodes.addRow(node).appendData(pc).appendData(sc).appendData(pc + sc);
      mtp.add(nodes.addRow('').appendData(prim).appendData(sec).appendData(prim + sec));
      const h = partitionHealth(partitions);
      mtp.add(new TablePrinter('healthy').addRowNameAndData('fully_healthy_partition_count', h.fully)
        .addRowNameAndData('unhealthy_partition_count', app.info.partition_count - h.fully)
        .addRowNameAndData('write_unhealthy_partition_count', h.write).addRowNameAndData('read_unhealthy_partition_count', h.read));
    }
    emit(ctx, file, p.opts.has('j') ? mtp.json() : mtp.tabular());
  });
  return true;
};

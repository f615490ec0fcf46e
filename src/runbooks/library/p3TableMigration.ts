// P3 Pegasus: table migration (seed 004), one checklist per method, chosen at start:
// copy_data, cold backup (+ restore or bulk load), dual write + bulk load ingest-behind, and hot
// backup (duplication). Pegasus-side steps run through the passthrough; what happens elsewhere
// (HDFS, Spark split, MetaProxy, dashboards) is an instruction confirmed by hand.
import { parseCopyData } from '../../pegasus/parse/copyData.js';
import { RunbookError } from '../engine.js';
import { fail, pass } from '../checks.js';
import { answer, lastPg } from '../pegasusSteps.js';
import type { CheckResult, Params, RunbookDef, StepContext, StepDef } from '../types.js';

const METHODS = ['copy_data', 'cold_backup', 'ingest_behind', 'duplication'] as const;
type Method = (typeof METHODS)[number];

/** What each method needs beyond the method itself. */
const NEEDS: Record<Method, string[]> = {
  copy_data: ['source', 'target', 'cluster', 'partitions'],
  cold_backup: ['source', 'target', 'app_id', 'region', 'backup_path'],
  ingest_behind: ['target', 'cluster', 'partitions', 'region', 'split_path'],
  duplication: ['source', 'target'],
};

const NAME = /^[0-9a-zA-Z._]+$/;
const name = (v: string) => (NAME.test(v) ? null : `"${v}": letters, digits, . and _ only (Pegasus table and cluster names)`);
const count = (v: string) => (/^[1-9]\d*$/.test(v) ? null : `"${v}" is not a positive number`);

/** The last `pg CMD` of this step exited 0 (the passthrough exits 1 on USAGE/ERROR/error=ERR_…). */
function pgOk(c: StepContext, cmd: string, what: string): CheckResult {
  const e = lastPg(c, cmd);
  if (!e) return fail(`run pg ${cmd}`);
  return e.exitCode === 0 ? pass(`${what}: ok`) : fail(`pg ${cmd} failed: ${[...e.stdout, ...e.stderr].find((l) => /ERR_|ERROR|failed/.test(l)) ?? `exit ${e.exitCode}`}`);
}

function pgStep(id: string, title: string, why: string, line: string): StepDef {
  const cmd = line.split(/\s+/)[1]!;
  return { id, title, why, commands: () => [line], check: (c) => pgOk(c, cmd, title) };
}

function manual(id: string, title: string, why: string, instructions: string[], commands: string[] = []): StepDef {
  return { id, title, why, instructions: () => instructions, ...(commands.length > 0 ? { commands: () => commands } : {}) };
}

/** Throttle steps shared by cold backup and bulk load: nfs send rate per disk (2.4+), 2.3 name in the text. */
function throttle(id: string, mb: number, why: string): StepDef {
  return pgStep(id, `throttle replica servers to ${mb} MB/s per disk`, why, `pg remote_command -t replica-server nfs.max_send_rate_megabytes_per_disk ${mb}`);
}

function copyDataSteps(p: Params): StepDef[] {
  return [
    pgStep('create-target', `create ${p.target} on the target cluster (-p ${p.partitions})`, 'copy_data does not create the table; the partition count may differ from the source.', `pg create ${p.target} -p ${p.partitions}`),
    manual('cluster-config', `add ${p.cluster} to the shell's config`, 'copy_data -c names a cluster of the shell\'s [pegasus.clusters] section.', [`in the Pegasus shell's config: [pegasus.clusters] ${p.cluster} = <its meta servers>`, 'then pegasus restart (the shell reads its config at start)']),
    pgStep('use-source', `use ${p.source}`, 'copy_data reads the table selected with use.', `pg use ${p.source}`),
    {
      id: 'copy-data',
      title: `copy_data -c ${p.cluster} -a ${p.target}`,
      why: 'Scans the source row by row and sets each row on the target; a failure means starting again from scratch.',
      commands: () => [`pg copy_data -c ${p.cluster} -a ${p.target} -t 10000`],
      check: (c) => {
        const e = lastPg(c, 'copy_data');
        if (!e) return fail('run copy_data');
        const out = parseCopyData(answer(e));
        if (out.outcome === 'done') return pass(`Copy done, total ${out.totalRows} rows`);
        if (out.outcome === 'terminated') return fail(`Copy terminated at ${out.totalRows} rows: it cannot resume, run it again from the start`);
        return fail(`copy_data ended without a result${out.errors[0] ? `: ${out.errors[0]}` : ''}`);
      },
    },
    manual('check-target', `check ${p.target} on the target cluster`, 'Row counts and a sample read on the target before clients move.', [`on the target cluster: pg app ${p.target} -d (healthy partitions), count or sample rows`]),
  ];
}

function coldBackupSteps(p: Params): StepDef[] {
  return [
    throttle('throttle', 50, 'Uploading checkpoints fills the network otherwise (2.3 and older: nfs.max_send_rate_megabytes).'),
    // `backup` belongs to the Go admin-cli: the C++ shell has only backup policies (reference §3.14).
    manual('backup', `backup app ${p.app_id} to ${p.region}:${p.backup_path} (admin-cli)`, 'Checkpoints every primary, then uploads them; a replica server restart fails it (wait for cold.backup.max.upload.file.size to reach 0, delete the directory, start again).', [
      `in admin-cli: backup ${p.app_id} ${p.region} ${p.backup_path}`,
      `note the BackupID it prints; query-backup-status ${p.app_id} shows progress`,
    ]),
    manual('raise-throttle', 'raise the throttle in steps of 50 while watching', 'Once disk IO falls the upload phase runs: widen the limit step by step, watching the network.', ['watch disk IO fall, then the network', 'raise by 50 at a time'], ['pg remote_command -t replica-server nfs.max_send_rate_megabytes_per_disk 100']),
    manual('backup-done', 'the backup finished', 'Restore needs a complete backup: its BackupID is the -t of restore.', [`in admin-cli: query-backup-status ${p.app_id} <BackupID> says the backup completed`]),
    manual('restore', `restore into ${p.target} (or bulk load)`, 'restore creates the table itself (same partition count) and needs the source table to exist; otherwise bulk load.', [
      `in admin-cli: restore -c <source cluster> -a ${p.source} -i ${p.app_id} -t <BackupID> -b ${p.region} -r ${p.backup_path} (C++ shell: restore_app … -n ${p.target})`,
      `or bulk load after the offline split: use ${p.target}; set_app_envs rocksdb.usage_scenario bulk_load; start_bulk_load -a ${p.target} -c <cluster> -p ${p.region} -r <split path>`,
    ]),
  ];
}

function ingestBehindSteps(p: Params): StepDef[] {
  return [
    pgStep('create-target', `create ${p.target} with ingest-behind allowed`, 'Without rocksdb.allow_ingest_behind=true at creation, bulk load cannot ingest behind.', `pg create ${p.target} -p ${p.partitions} -e rocksdb.allow_ingest_behind=true`),
    manual('dual-write', 'the clients write to both tables', 'New writes land on the target as they happen; the old data comes underneath with ingest-behind.', ['confirm every client writes to both the source and the target table']),
    manual('backup-split', 'cold backup of the source, then the offline split', 'Bulk load needs its own file layout (Pegasus-spark split of the cold backup).', [`cold backup of the source, then Pegasus-spark split into ${p.region}:${p.split_path}`]),
    pgStep('use-target', `use ${p.target}`, 'The bulk load envs are set on the target table.', `pg use ${p.target}`),
    pgStep('bulk-load-env', 'set the bulk load scenario', 'rocksdb.usage_scenario bulk_load tunes compaction for the load.', 'pg set_app_envs rocksdb.usage_scenario bulk_load'),
    pgStep('bulk-load', 'start_bulk_load --ingest_behind', 'ingest_behind gives the files sequence number 0: the dual-written rows stay newer.', `pg start_bulk_load -a ${p.target} -c ${p.cluster} -p ${p.region} -r ${p.split_path} --ingest_behind`),
    manual('bulk-load-done', 'bulk load finished', 'query_bulk_load_status shows every partition succeeded.', [`pg query_bulk_load_status -a ${p.target}`]),
  ];
}

function duplicationSteps(p: Params): StepDef[] {
  return [
    manual('metaproxy', 'every client goes through MetaProxy', 'Clients connected straight to meta server addresses would not follow the switch (C++ and Python clients cannot use MetaProxy).', ['confirm no client connects to a meta server address directly']),
    manual('duplication', `duplication ${p.source} → ${p.target} set up and caught up`, 'Hot backup keeps the target in step while clients still use the source.', ['set up duplication to the target cluster; wait until it has caught up']),
    manual('metaproxy-zk', "repoint MetaProxy's ZooKeeper entry to the target meta servers", 'Clients fetch the topology again from MetaProxy after the switch.', ["update the table's entry in MetaProxy's ZooKeeper to the target cluster's meta servers"]),
    // The seed writes `use TableB` here, but the table to block is the source (TableA): blocking
    // the target would stop the traffic that just moved.
    pgStep('use-source', `use ${p.source} (the source: the seed's \`use TableB\` is wrong)`, 'Reads and writes are denied on the source so clients refetch the topology.', `pg use ${p.source}`),
    pgStep('deny-source', `deny client requests on ${p.source}`, 'reconfig*all: clients get a reconfig error and move to the target through MetaProxy.', 'pg set_app_envs replica.deny_client_request reconfig*all'),
    manual('watch', 'watch the switch', 'Success: the source QPS falls to zero, the target rises to match, and the failure counters stay at 0.', [
      'source table QPS falls to 0; target QPS rises to the source\'s level',
      'dup.disabled_non_idempotent_write_count = 0 on both clusters',
      'recent.read.fail.count and recent.write.fail.count = 0 on both clusters',
    ]),
  ];
}

export const p3TableMigration: RunbookDef = {
  id: 'P3',
  title: 'Pegasus: table migration (copy_data, cold backup, ingest-behind, duplication)',
  source: 'seed 004',
  params: [
    { name: 'method', description: METHODS.join(' | '), kind: 'text', required: true, validate: (v) => ((METHODS as readonly string[]).includes(v) ? null : `method: one of ${METHODS.join(', ')}`) },
    { name: 'source', description: 'the source table (TableA)', kind: 'text', required: false, validate: name },
    { name: 'target', description: 'the target table (TableB)', kind: 'text', required: false, validate: name },
    { name: 'cluster', description: 'the target cluster name in the shell config (ClusterB)', kind: 'text', required: false, validate: name },
    { name: 'partitions', description: 'partition count of the new table', kind: 'text', required: false, validate: count },
    { name: 'app_id', description: 'the source table id (cold backup)', kind: 'text', required: false, validate: count },
    { name: 'region', description: 'block service name of config.ini [block_service.NAME], e.g. hdfs_xyz', kind: 'text', required: false, validate: name },
    { name: 'backup_path', description: 'backup directory on the block service', kind: 'path', required: false },
    { name: 'split_path', description: 'directory of the offline split for bulk load', kind: 'path', required: false },
  ],
  prepare(params) {
    const method = params.method as Method;
    const missing = NEEDS[method].filter((k) => !params[k]);
    if (missing.length > 0) throw new RunbookError(`P3 ${method} needs ${missing.map((k) => `${k}=…`).join(' ')}`);
    return params;
  },
  steps(params) {
    switch (params.method as Method) {
      case 'copy_data':
        return copyDataSteps(params);
      case 'cold_backup':
        return coldBackupSteps(params);
      case 'ingest_behind':
        return ingestBehindSteps(params);
      case 'duplication':
        return duplicationSteps(params);
    }
  },
};

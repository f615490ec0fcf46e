// The parsers the procedures rely on, fed the reference's samples (and the stand-in's forms).
import { describe, expect, it } from 'vitest';
import { parseApp } from '../../src/pegasus/parse/app.js';
import { parseClusterInfo } from '../../src/pegasus/parse/clusterInfo.js';
import { parseCopyData } from '../../src/pegasus/parse/copyData.js';
import { compareAppLists, parseLs } from '../../src/pegasus/parse/ls.js';
import { checkBlind, parseGetMetaLevel, parseSetMetaLevel } from '../../src/pegasus/parse/metaLevel.js';
import { nodeRowsKey, parseNodes } from '../../src/pegasus/parse/nodes.js';
import { parseRecover, recoverSucceeded } from '../../src/pegasus/parse/recover.js';
import { recoverNodeList, seedGrepAlive } from '../../src/pegasus/recoverNodeList.js';

const NODES_FILE =
  '[parameters]\nout_file  : onebox.nodes\n\n[details]\naddress          status     replica_count  primary_count  secondary_count\n' +
  '127.0.0.1:34801  ALIVE                 12              4                8\n127.0.0.1:34802  ALIVE                 12              4                8\n' +
  '127.0.0.1:34803  UNALIVE                0              0                0\n\n[summary]\ntotal_node_count    : 3\nalive_node_count    : 2\nunalive_node_count  : 1\n\n';

describe('nodes', () => {
  it('reads a `nodes -d -o` file with its [parameters] table', () => {
    const out = parseNodes(NODES_FILE);
    expect(out.parameters.get('out_file')).toBe('onebox.nodes');
    expect(out.nodes).toEqual([
      { address: '127.0.0.1:34801', status: 'ALIVE', replicaCount: 12, primaryCount: 4, secondaryCount: 8 },
      { address: '127.0.0.1:34802', status: 'ALIVE', replicaCount: 12, primaryCount: 4, secondaryCount: 8 },
      { address: '127.0.0.1:34803', status: 'UNALIVE', replicaCount: 0, primaryCount: 0, secondaryCount: 0 },
    ]);
    expect(out.summary).toEqual({ total: 3, alive: 2, unalive: 1 });
    expect(out.error).toBeNull();
  });

  it('reads plain `nodes` (no counts) and the -j form', () => {
    const plain = parseNodes('[details]\naddress          status  \n127.0.0.1:34801  ALIVE   \n\n[summary]\ntotal_node_count    : 1\nalive_node_count    : 1\nunalive_node_count  : 0\n\n');
    expect(plain.nodes).toEqual([{ address: '127.0.0.1:34801', status: 'ALIVE' }]);
    const json = parseNodes('{\n    "details": {\n        "127.0.0.1:34802": {\n            "address": "127.0.0.1:34802",\n            "status": "UNALIVE",\n            "replica_count": "0",\n            "primary_count": "0",\n            "secondary_count": "0"\n        }\n    },\n    "summary": {\n        "total_node_count": "1",\n        "alive_node_count": "0",\n        "unalive_node_count": "1"\n    }\n}\n');
    expect(json.nodes).toEqual([{ address: '127.0.0.1:34802', status: 'UNALIVE', replicaCount: 0, primaryCount: 0, secondaryCount: 0 }]);
    expect(json.summary).toEqual({ total: 1, alive: 0, unalive: 1 });
  });

  it('reports `list nodes failed, error=…`', () => {
    expect(parseNodes('list nodes failed, error=ERR_NETWORK_FAILURE\n').error).toBe('ERR_NETWORK_FAILURE');
  });

  it('compares snapshots by rows, not by files (out_file differs between two -o snapshots)', () => {
    const other = NODES_FILE.replace('onebox.nodes', '/tmp/x/onebox.nodes');
    expect(other).not.toBe(NODES_FILE);
    expect(nodeRowsKey(parseNodes(other).nodes)).toBe(nodeRowsKey(parseNodes(NODES_FILE).nodes));
  });
});

describe('recover_node_list', () => {
  it('takes the ALIVE rows only — the seed’s grep ALIVE would also take UNALIVE', () => {
    const list = recoverNodeList(parseNodes(NODES_FILE).nodes);
    expect(list.alive).toEqual(['127.0.0.1:34801', '127.0.0.1:34802']);
    expect(list.excluded).toEqual(['127.0.0.1:34803']);
    expect(list.content).toBe('127.0.0.1:34801\n127.0.0.1:34802\n');
    expect(seedGrepAlive(NODES_FILE)).toContain('127.0.0.1:34803');
  });
});

describe('ls', () => {
  const LS = '[general_info]\napp_id  status     app_name  app_type  partition_count  replica_count  is_stateful  create_time          drop_time  drop_expire  envs_count\n2       AVAILABLE  temp      pegasus   8                3              true         2024-04-15_06:58:38  -          -            1\n\n';
  it('reads [general_info] (the table-env doc line)', () => {
    const out = parseLs(LS);
    expect(out.apps).toEqual([
      { appId: 2, status: 'AVAILABLE', appName: 'temp', appType: 'pegasus', partitionCount: 8, replicaCount: 3, isStateful: true, createTime: '2024-04-15_06:58:38', dropTime: '-', dropExpire: '-', envsCount: 1 },
    ]);
  });

  it('reads -d health and the summary', () => {
    const out = parseLs(`${LS}[healthy_info]\napp_id  app_name  partition_count  fully_healthy  unhealthy  write_unhealthy  read_unhealthy \n2       temp      8                7              1          1                0              \n\n[summary]\ntotal_app_count            : 1\nfully_healthy_app_count    : 0\n`);
    expect(out.health).toEqual([{ appId: 2, appName: 'temp', partitionCount: 8, fullyHealthy: 7, unhealthy: 1, writeUnhealthy: 1, readUnhealthy: 0 }]);
    expect(out.summary.get('total_app_count')).toBe('1');
  });

  it('reports ERR_UNDER_RECOVERY and compares app lists after a recovery', () => {
    expect(parseLs('list apps failed, error=ERR_UNDER_RECOVERY\n').error).toBe('ERR_UNDER_RECOVERY');
    const before = parseLs(LS).apps;
    expect(compareAppLists(before, before)).toEqual({ missing: [], extra: [], changed: [] });
    expect(compareAppLists(before, [{ ...before[0]!, partitionCount: 4 }]).changed).toEqual(['temp']);
    expect(compareAppLists(before, []).missing).toEqual(['temp']);
  });
});

describe('cluster_info', () => {
  it('reads every key of the v2.5.0 sample, trailing padding ignored', () => {
    const info = parseClusterInfo(
      '[cluster_info]\nmeta_servers                  : 127.0.0.1:34601,127.0.0.1:34602,127.0.0.1:34603\nprimary_meta_server           : 127.0.0.1:34601                               \n' +
        'zookeeper_hosts               : 127.0.0.1:22181                               \nzookeeper_root                : /pegasus/onebox                               \n' +
        'meta_function_level           : steady                                        \nbalance_operation_count       : move_pri=0,copy_pri=0,copy_sec=0,total=0      \n' +
        'primary_replica_count_stddev  : 0.00                                          \ntotal_replica_count_stddev    : 0.00                                          \ncluster_name                  : onebox                                        \n',
    );
    expect(info.zookeeperRoot).toBe('/pegasus/onebox');
    expect(info.metaFunctionLevel).toBe('steady');
    expect(info.metaServers).toEqual(['127.0.0.1:34601', '127.0.0.1:34602', '127.0.0.1:34603']);
    expect(info.primaryMetaServer).toBe('127.0.0.1:34601');
    expect(info.clusterName).toBe('onebox');
    expect([...info.values.keys()]).toHaveLength(9);
    expect(parseClusterInfo('get cluster info failed, error=ERR_UNDER_RECOVERY\n').error).toBe('ERR_UNDER_RECOVERY');
  });
});

describe('meta level', () => {
  it('reads get/set replies and the parse failure', () => {
    expect(parseGetMetaLevel('current meta level is fl_steady\n')).toEqual({ level: 'steady', ok: true, error: null });
    expect(parseSetMetaLevel('control meta level ok, the old level is fl_steady\n')).toEqual({ level: 'steady', ok: true, error: null });
    expect(parseSetMetaLevel('control meta level got error ERR_NETWORK_FAILURE\n').error).toBe('ERR_NETWORK_FAILURE');
    expect(parseSetMetaLevel('parse zz as meta function level failedUSAGE: \tset_meta_level ...').ok).toBe(false);
    expect(parseGetMetaLevel('\x1b[1;31mget meta level got error ERR_TIMEOUT\x1b[0m').error).toBe('ERR_TIMEOUT');
  });

  it('passes the blind check only at blind', () => {
    expect(checkBlind('blind').ok).toBe(true);
    expect(checkBlind('steady')).toMatchObject({ ok: false, level: 'steady' });
    expect(checkBlind(null, 'ERR_TIMEOUT').message).toContain('ERR_TIMEOUT');
  });
});

describe('recover', () => {
  it('reads the meta-recovery doc session', () => {
    const out = parseRecover('Wait seconds: 100\nSkip bad nodes: false\nSkip lost partitions: false\nNode list:\n=============================\nx.x.x.x:34801\nx.x.x.x:34802\nx.x.x.x:34803\n=============================\nRecover result: ERR_OK\n');
    expect(out).toMatchObject({ waitSeconds: 100, skipBadNodes: false, skipLostPartitions: false, nodes: ['x.x.x.x:34801', 'x.x.x.x:34802', 'x.x.x.x:34803'], result: 'ERR_OK', hints: [] });
    expect(recoverSucceeded(out)).toBe(true);
  });

  it('reads the failure hint block, and HEAD’s hints glued to the closing rule', () => {
    const out = parseRecover(
      'Wait seconds: 100\nSkip bad nodes: false\nSkip lost partitions: false\nNode list:\n=============================\nx:1\n=============================\nRecover result: ERR_TRY_AGAIN\n=============================\n' +
        'ERROR: collect app and replica info from node(x.x.x.x:34804) failed with err(ERR_NETWORK_FAILURE), you can skip it by set skip_bad_nodes option\n=============================\n',
    );
    expect(out.result).toBe('ERR_TRY_AGAIN');
    expect(out.hints).toEqual([{ level: 'ERROR', text: 'collect app and replica info from node(x.x.x.x:34804) failed with err(ERR_NETWORK_FAILURE), you can skip it by set skip_bad_nodes option' }]);
    const glued = parseRecover('Recover result: ERR_OK\n=============================\nWARNING: partition(1.0) only collects 2/3 of replicas, may lost data=============================\n');
    expect(glued.hints).toEqual([{ level: 'WARNING', text: 'partition(1.0) only collects 2/3 of replicas, may lost data' }]);
    expect(recoverSucceeded(parseRecover('Wait recovery failed, administrator should check the meta for progress\n'))).toBe(false);
  });
});

describe('copy_data', () => {
  it('reads settings, per-second progress, split totals and the end line', () => {
    const out = parseCopyData(
      'INFO: source_cluster_name = onebox\nINFO: target_app_name = TableB\nINFO: processed for 1 seconds, (0/8) splits, total 104512 rows, last second 104512 rows\n' +
        'INFO: processed for 2 seconds, (3/8) splits, total 210034 rows, last second 105522 rows\nINFO: split[0]: 26312 rows\n\nCopy done, total 210334 rows.\n',
    );
    expect(out.settings.get('target_app_name')).toBe('TableB');
    expect(out.progress[1]).toEqual({ seconds: 2, splitsDone: 3, splitsTotal: 8, totalRows: 210034, lastSecondRows: 105522, erroring: false });
    expect(out.splitRows.get(0)).toBe(26312);
    expect(out).toMatchObject({ outcome: 'done', totalRows: 210334 });
    const failed = parseCopyData('INFO: processed for 3 seconds, (1/8) splits, total 5 rows, last second 0 rows, error occurred, terminating...\nERROR: error occurred, processing terminated\nCopy terminated, total 5 rows.\n');
    expect(failed).toMatchObject({ outcome: 'terminated', errors: ['error occurred, processing terminated'] });
    expect(failed.progress[0]!.erroring).toBe(true);
  });
});

describe('app', () => {
  it('reads `app temp -d` (replicas, nodes with the unnamed total row, health)', () => {
    const out = parseApp(
      '[parameters]\napp_name  : temp\ndetailed  : true\n\n[general]\napp_name           : temp\napp_id             : 2  \npartition_count    : 4  \nmax_replica_count  : 3  \n\n' +
        '[replicas]\npidx  ballot  replica_count  primary          secondaries                       \n0     3       3/3            127.0.0.1:34801  [127.0.0.1:34802,127.0.0.1:34803] \n1     3       1/3            -                [127.0.0.1:34801] \n\n' +
        '[nodes]\nnode             primary  secondary  total \n127.0.0.1:34801  2        2          4     \n                 4        8          12    \n\n[healthy]\nfully_healthy_partition_count    : 4\n',
    );
    expect(out).toMatchObject({ appName: 'temp', appId: 2, partitionCount: 4, maxReplicaCount: 3 });
    expect(out.partitions[0]).toEqual({ pidx: 0, ballot: 3, replicas: 3, maxReplicas: 3, primary: '127.0.0.1:34801', secondaries: ['127.0.0.1:34802', '127.0.0.1:34803'] });
    expect(out.partitions[1]).toMatchObject({ primary: null, replicas: 1 });
    expect(out.nodes[1]).toEqual({ node: '', primary: 4, secondary: 8, total: 12 });
    expect(out.healthy.get('fully_healthy_partition_count')).toBe('4');
    expect(parseApp('query app nope failed, error=ERR_OBJECT_NOT_FOUND\n').error).toBe('ERR_OBJECT_NOT_FOUND');
  });
});

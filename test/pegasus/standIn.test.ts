// The stand-in Pegasus shell as an executable, piped like `echo … | run.sh shell`, backed by a
// real ZooKeeper tree: formats, stream split, -o files, errors, and state that persists
// between shells (meta level) and is really written (recover rebuilds the tree).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMetaConfig, startMeta, stopMetas } from '../../src/pegasus/standIn/control.js';
import { readState } from '../../src/pegasus/standIn/state.js';
import { parseClusterInfo } from '../../src/pegasus/parse/clusterInfo.js';
import { parseLs } from '../../src/pegasus/parse/ls.js';
import { parseNodes } from '../../src/pegasus/parse/nodes.js';
import { parseRecover } from '../../src/pegasus/parse/recover.js';
import { useSandbox } from '../helpers/sandbox.js';
import { ensureBuilt, standInCluster, type StandInFixture } from './helpers.js';

const sandbox = useSandbox({ nodes: 3 });
let fx: StandInFixture;

beforeAll(async () => {
  await ensureBuilt();
  fx = await standInCluster(sandbox().connectString, { unalive: ['127.0.0.1:34803'] });
});
afterAll(async () => {
  await fx?.close();
});

async function shell(input: string): Promise<{ stdout: string; stderr: string; exitCode: number | undefined }> {
  const r = await execa(fx.argv[0]!, fx.argv.slice(1), { input, cwd: fx.dir, reject: false, stripFinalNewline: false });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

describe('stand-in Pegasus shell', () => {
  it('prints the banner, no prompt from a pipe, and dsn exit on EOF', async () => {
    const r = await shell('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual(['Pegasus Shell 2.5.0', 'Type "help" for more information.', 'Type "Ctrl-D" or "Ctrl-C" to exit the shell.', '']);
    expect(lines[4]).toMatch(/^The config file is: /);
    expect(lines.slice(5)).toEqual(['The cluster name is: onebox', 'The cluster meta list is: 127.0.0.1:34601,127.0.0.1:34602,127.0.0.1:34603', 'dsn exit with code 0', '']);
    expect(r.stdout).not.toContain('>>>');
  });

  it('lists tables and nodes from the ZooKeeper tree in v2.5.0 layout', async () => {
    const r = await shell('ls\nnodes -d\n');
    const ls = parseLs(r.stdout);
    expect(ls.apps.map((a) => [a.appId, a.appName, a.partitionCount])).toEqual([[1, 'stat', 4], [2, 'temp', 8]]);
    expect(r.stdout).toContain('app_id  status     app_name  app_type  partition_count  replica_count  is_stateful  create_time          drop_time  drop_expire  envs_count  \n');
    const nodes = parseNodes(r.stdout.slice(r.stdout.indexOf('[details]')));
    expect(nodes.nodes.map((n) => `${n.address} ${n.status}`)).toEqual(['127.0.0.1:34801 ALIVE', '127.0.0.1:34802 ALIVE', '127.0.0.1:34803 UNALIVE']);
    // 12 partitions × 3 replicas over 3 nodes, read from the partition znodes.
    expect(nodes.nodes.reduce((n, x) => n + (x.replicaCount ?? 0), 0)).toBe(36);
    expect(r.stdout).toContain('address          status     replica_count  primary_count  secondary_count\n127.0.0.1:34801  ALIVE   ');
  });

  it('writes -o files (with [parameters]) and nothing to stdout', async () => {
    const r = await shell('nodes -d -o nodes.list\n');
    expect(r.stdout).not.toContain('[details]');
    const file = readFileSync(path.join(fx.dir, 'nodes.list'), 'utf8');
    expect(file.startsWith('[parameters]\nout_file  : nodes.list\n\n[details]\n')).toBe(true);
    expect(parseNodes(file).summary).toEqual({ total: 3, alive: 2, unalive: 1 });
  });

  it('keeps stdout and stderr apart as v2.5.0 does', async () => {
    const r = await shell('use temp\nserver_info\nset_meta_level nonsense\nls -Z\n');
    expect(r.stderr).toContain('OK\n');
    expect(r.stderr).toContain('COMMAND: server-info\n\nCALL [meta-server] [127.0.0.1:34601] succeed: Pegasus Server 2.5.0');
    expect(r.stderr).toContain('parse nonsense as meta function level failed');
    expect(r.stderr).toContain("ls: invalid option -- 'Z'");
    expect(r.stdout).toContain('USAGE: \tset_meta_level          <stopped|blind|freezed|steady|lively>\n');
    expect(r.stdout).not.toContain('COMMAND:');
  });

  it('answers unknown commands with the help, an empty line with Invalid argument(s)', async () => {
    const r = await shell('quit\n\n');
    expect(r.stdout).toContain("ERROR: invalid subcommand 'quit'\nUsage:\n\thelp");
    expect(r.stdout).toContain('\nInvalid argument(s)\n');
  });

  it('keeps the meta level between shells and reports it in cluster_info', async () => {
    const set = await shell('set_meta_level blind\n');
    expect(set.stdout).toContain('control meta level ok, the old level is fl_steady');
    const r = await shell('get_meta_level\ncluster_info\n');
    expect(r.stdout).toContain('current meta level is fl_blind');
    const info = parseClusterInfo(r.stdout.slice(r.stdout.indexOf('[cluster_info]')));
    expect(info).toMatchObject({ metaFunctionLevel: 'blind', zookeeperRoot: '/pegasus/onebox', zookeeperHosts: sandbox().connectString });
    await shell('set_meta_level steady\n');
  });

  it('recovers the tables into a new root from the ALIVE replica servers (meta recovery)', async () => {
    stopMetas(fx.dir);
    const down = await shell('ls\n');
    expect(down.stdout).toContain('list apps failed, error=ERR_NETWORK_FAILURE');
    setMetaConfig(fx.dir, { clusterRoot: '/pegasus/onebox_recovery', recoverFromReplicaServer: true });
    expect(await startMeta(fx.dir, 0, fx.zk)).toEqual({ ok: true, recovering: true });
    const during = await shell('ls\ncluster_info\n');
    expect(during.stdout).toContain('list apps failed, error=ERR_UNDER_RECOVERY');
    expect(during.stdout).toContain('The cluster name is: unknown');
    // The seed's `grep ALIVE` list would include the UNALIVE node: the meta refuses it.
    const withDead = parseRecover((await shell('recover -s 127.0.0.1:34801,127.0.0.1:34803\n')).stdout);
    expect(withDead.result).toBe('ERR_TRY_AGAIN');
    expect(withDead.hints[0]).toMatchObject({ level: 'ERROR', text: expect.stringContaining('node(127.0.0.1:34803) failed with err(ERR_NETWORK_FAILURE)') });
    const r = await shell('recover -s 127.0.0.1:34801,127.0.0.1:34802\n');
    const rec = parseRecover(r.stdout);
    expect(rec).toMatchObject({ result: 'ERR_OK', nodes: ['127.0.0.1:34801', '127.0.0.1:34802'], waitSeconds: 100 });
    // Every partition had a replica on the UNALIVE node left out: 2 of 3 collected.
    expect(rec.hints.filter((h) => h.text.includes('only collects 2/3'))).toHaveLength(12);
    // The meta wrote through its own session, maybe to another server: catch this one up first.
    await fx.zk.sync('/pegasus/onebox_recovery/apps');
    expect((await fx.zk.getChildren('/pegasus/onebox_recovery/apps')).children.sort()).toEqual(['1', '2']);
    const after = parseLs((await shell('ls\n')).stdout);
    expect(after.apps.map((a) => a.appName)).toEqual(['stat', 'temp']);
    expect(readState(fx.dir).recovering).toBe(false);
    expect(parseRecover((await shell('recover -s 127.0.0.1:34801\n')).stdout).result).toBe('ERR_SERVICE_ALREADY_RUNNING');
    // A restart with the flag still set finds tables and dies, as the real meta does.
    stopMetas(fx.dir);
    expect(await startMeta(fx.dir, 0)).toMatchObject({ ok: false });
    setMetaConfig(fx.dir, { recoverFromReplicaServer: false });
    expect(await startMeta(fx.dir, 0)).toEqual({ ok: true, recovering: false });
  });

  it('rejects bad recover invocations before asking the meta', async () => {
    const bad = await shell('recover\nrecover -w 0 -s 1.2.3.4:1\nrecover -s nothost\n');
    expect(bad.stderr).toContain('should specify one of node_list_file/node_list_str\n');
    expect(bad.stderr).toContain('invalid wait_seconds 0, should be positive number\n');
    expect(bad.stderr).toContain('parse nothost as a ip:port node failed\n');
  });
});

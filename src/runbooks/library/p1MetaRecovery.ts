// P1 Pegasus: move the meta servers to another ZooKeeper by meta recovery (seed 000, part 1).
// The tables are rebuilt in the new ZooKeeper from what the ALIVE replica servers report; the
// list of those servers is derived from the status column (the seed's `grep ALIVE` also takes
// UNALIVE rows, and a dead node in the list fails the recovery with ERR_TRY_AGAIN).
import { parseRecover } from '../../pegasus/parse/recover.js';
import { errorCode } from '../../pegasus/parse/sections.js';
import { fail, pass } from '../checks.js';
import { APPS_PARAM, answer, backupAppsStep, freshFile, freshText, healthyCheck, lastPg, metasDownCheck, nextOf, validHostsList } from '../pegasusSteps.js';
import type { RunbookDef, StepContext } from '../types.js';

const NODES_FILE = 'nodes.list';
const NODE_LIST = 'recover_node_list';

const listedNodes = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

function waitSeconds(text: string | undefined): number {
  return text === undefined || text === '' ? 30 : Number(text);
}

export const p1MetaRecovery: RunbookDef = {
  id: 'P1',
  title: 'Pegasus: move meta servers to another ZooKeeper by meta recovery',
  source: 'seed 000 part 1',
  params: [
    { name: 'hosts', description: 'the new ZooKeeper for [zookeeper] hosts_list, host:port,host:port…', kind: 'text', required: true, validate: (v) => validHostsList(v) },
    APPS_PARAM,
    {
      name: 'wait',
      description: 'seconds to wait after stopping the metas, for replica servers to go INACTIVE (default 30; less only to rehearse)',
      kind: 'text',
      required: false,
      validate: (v) => (/^\d+$/.test(v) ? null : 'wait: a whole number of seconds'),
    },
  ],
  steps(params) {
    const apps = params.apps || 'apps.list';
    const wait = waitSeconds(params.wait);
    return [
      backupAppsStep(apps),
      {
        id: 'node-list',
        title: `derive ${NODE_LIST} from the ALIVE replica servers`,
        why: 'Only ALIVE nodes may be asked (the seed\'s grep ALIVE also matches UNALIVE): zkpilot reads the status column and shows the list before writing it.',
        commands: (c) => (freshFile(c, NODES_FILE) ? [`pegasus recover-node-list ${NODES_FILE}`] : [`pg nodes -d -o ${NODES_FILE}`, `pegasus recover-node-list ${NODES_FILE}`]),
        check: (c) => {
          const fresh = freshText(c, NODE_LIST);
          if (!fresh) return fail(`${NODE_LIST} not written during this step`);
          const nodes = listedNodes(fresh.text);
          if (nodes.length === 0) return fail(`${NODE_LIST} is empty`);
          return pass(`${nodes.length} ALIVE node(s) in ${fresh.path}`);
        },
        onDone: (c) => {
          const fresh = freshText(c, NODE_LIST);
          c.memory.nodes = fresh ? listedNodes(fresh.text) : [];
        },
      },
      {
        id: 'stop-metas',
        title: 'stop every meta server',
        why: 'The recovery starts from an empty tree with one meta: no old meta may keep writing the old ZooKeeper.',
        instructions: () => ['stop the meta server process on every meta host (e.g. systemctl stop pegasus-meta)', 'then pg ls: it must fail with ERR_NETWORK_FAILURE'],
        commands: () => ['pg ls'],
        check: metasDownCheck,
      },
      {
        id: 'wait-inactive',
        title: `wait ${wait} s for the replica servers to go INACTIVE`,
        why: 'Replica servers that still think a meta is alive answer the recovery with stale state; the seed waits at least 30 s.',
        minWaitMs: wait * 1000,
        check: () => pass(`${wait} s since the metas stopped`),
      },
      {
        id: 'meta-config',
        title: 'set the meta config: recover from replica servers, new ZooKeeper',
        why: 'The meta reads hosts_list from [zookeeper] (not [meta_server], as the seed\'s zkcopy section has it).',
        instructions: () => ['in every meta server\'s config.ini:', '  [meta_server] recover_from_replica_server = true', `  [zookeeper] hosts_list = ${params.hosts}`],
      },
      {
        id: 'start-one-meta',
        title: 'start one meta server (only one)',
        why: 'With an empty tree and the flag set it waits for `recover`, answering ERR_UNDER_RECOVERY meanwhile.',
        instructions: () => ['start the meta server on one host only', 'then pg ls: ERR_UNDER_RECOVERY says it waits for recover'],
        commands: () => ['pg ls'],
        check: (c) => {
          const e = lastPg(c, 'ls') ?? lastPg(c, 'cluster_info');
          if (!e) return fail('run pg ls');
          const code = errorCode(answer(e));
          if (code === 'ERR_UNDER_RECOVERY') return pass('the meta is up and waits for recover (ERR_UNDER_RECOVERY)');
          if (code === 'ERR_NETWORK_FAILURE') return fail('no meta answers yet');
          return fail(`the meta is not in recovery mode${code ? ` (${code})` : ''}: check recover_from_replica_server and the empty tree`);
        },
      },
      {
        id: 'recover',
        title: `recover the tables: pg recover -f ${NODE_LIST}`,
        why: 'The meta collects every table and partition from the listed replica servers and writes them into the new ZooKeeper.',
        commands: () => [`pg recover -f ${NODE_LIST}`],
        check: (c) => {
          const e = lastPg(c, 'recover');
          if (!e) return fail(`run pg recover -f ${NODE_LIST}`);
          const r = parseRecover(answer(e));
          if (r.result === 'ERR_OK') {
            const warnings = r.hints.filter((h) => h.level === 'WARNING').length;
            return pass(`Recover result: ERR_OK from ${r.nodes.length} node(s)${warnings > 0 ? `; ${warnings} warning(s): read them` : ''}`);
          }
          const first = r.hints.find((h) => h.level === 'ERROR')?.text ?? r.problems[0] ?? (r.timedOut ? 'wait timed out' : 'no result line');
          return fail(`Recover result: ${r.result ?? '?'}: ${first}`);
        },
      },
      {
        id: 'meta-config-back',
        title: 'turn recovery off and restart every meta server',
        why: 'A meta restarted with the flag still set finds the tables and refuses to start.',
        instructions: () => ['in every meta server\'s config.ini: [meta_server] recover_from_replica_server = false', 'restart the meta server on every meta host'],
      },
      {
        id: 'healthy',
        title: 'verify: cluster_info on the new ZooKeeper, nodes, every table back',
        why: 'The cluster must run on the new ZooKeeper with the same tables as before (apps.list).',
        commands: (c: StepContext) => nextOf(c, ['pg cluster_info', 'pg nodes', 'pg ls']),
        check: (c) => healthyCheck(c, params.hosts!),
      },
    ];
  },
};

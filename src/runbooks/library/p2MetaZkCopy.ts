// P2 Pegasus: move the meta servers to another ZooKeeper by copying the tree (seed 000, part 2).
// The seed's zkcopy tool was never published: zkpilot's own `copy` and `verify` do it. The copy
// is refused unless the meta is blind (no ZooKeeper writes meanwhile), asked live right before.
import { checkMetaBlind } from '../../commands/pegasus/nodeList.js';
import { parseGetMetaLevel } from '../../pegasus/parse/metaLevel.js';
import { fail, pass } from '../checks.js';
import { APPS_PARAM, answer, backupAppsStep, clusterInfoNow, healthyCheck, lastCommand, lastPg, nextOf, sameHosts, validHostsList } from '../pegasusSteps.js';
import type { CommandRefusal, RunbookDef, StepContext } from '../types.js';

const root = (c: StepContext): string | null => (c.memory.root as string | undefined) ?? null;
const endsOf = (c: StepContext, target: string): string | null => {
  const r = root(c);
  return r ? `${r} ${target}:${r}` : null;
};

/** `copy` while P2 runs: only with the meta blind, asked of the Pegasus shell right now. */
const copyNeedsBlind: CommandRefusal = async (_tokens, env) => {
  const session = env.services.pegasus;
  if (!session?.configured) return 'P2 copies only while the meta is blind, and no Pegasus shell is configured to ask (pegasus start CMDLINE)';
  const blind = await checkMetaBlind(env.signal, session);
  return blind.ok ? null : `P2: ${blind.message}`;
};

export const p2MetaZkCopy: RunbookDef = {
  id: 'P2',
  title: 'Pegasus: move meta servers to another ZooKeeper by copying the tree',
  source: 'seed 000 part 2',
  params: [
    { name: 'target', description: 'the new ZooKeeper, host:port,host:port… (copy destination and the new hosts_list)', kind: 'text', required: true, validate: (v) => validHostsList(v) },
    APPS_PARAM,
  ],
  commandGuards: { copy: copyNeedsBlind },
  steps(params) {
    const target = params.target!;
    return [
      backupAppsStep(params.apps || 'apps.list'),
      {
        id: 'stop-standbys',
        title: 'stop every standby meta server (the primary stays)',
        why: 'Only the primary may touch ZooKeeper during the move; a standby taking over would write the old tree.',
        instructions: () => ['stop the meta server process on every host except the primary (cluster_info: primary_meta_server)'],
        commands: () => ['pg cluster_info'],
      },
      {
        id: 'blind',
        title: 'set the meta level to blind: pg set_meta_level blind',
        why: 'Blind: the meta writes nothing to ZooKeeper, so the tree cannot change under the copy.',
        commands: (c) => nextOf(c, ['pg set_meta_level blind', 'pg get_meta_level']),
        check: (c) => {
          const e = lastPg(c, 'get_meta_level');
          if (!e) return fail('run pg get_meta_level to confirm the level');
          const reply = parseGetMetaLevel(answer(e));
          if (reply.level === 'blind') return pass('meta function level is blind');
          return fail(reply.level ? `meta function level is ${reply.level}` : `get_meta_level: ${reply.error}`);
        },
      },
      {
        id: 'zk-root',
        title: 'read zookeeper_root from cluster_info',
        why: 'The subtree to copy is the cluster\'s zookeeper_root, nothing else.',
        commands: () => ['pg cluster_info'],
        check: (c) => {
          const info = clusterInfoNow(c);
          if (!info) return fail('run pg cluster_info');
          if (!info.zookeeperRoot) return fail(`cluster_info has no zookeeper_root${info.error ? ` (${info.error})` : ''}`);
          if (info.metaFunctionLevel !== 'blind') return fail(`meta_function_level is ${info.metaFunctionLevel ?? '?'}, not blind`);
          if (info.zookeeperHosts && sameHosts(info.zookeeperHosts, target)) return fail(`the meta already uses ${target}: nothing to copy`);
          return pass(`zookeeper_root ${info.zookeeperRoot} on ${info.zookeeperHosts ?? '?'}`);
        },
        onDone: (c) => {
          const info = clusterInfoNow(c);
          c.memory.root = info?.zookeeperRoot ?? null;
          c.memory.oldHosts = info?.zookeeperHosts ?? null;
        },
      },
      {
        id: 'copy',
        title: (c) => `copy ${endsOf(c, target) ?? 'zookeeper_root to the new ZooKeeper'}`,
        why: 'Recursive copy of data and ACLs (zkpilot\'s copy: the seed\'s zkcopy was never published); refused unless the meta is blind.',
        commands: (c) => {
          const ends = endsOf(c, target);
          return ends ? [`copy ${ends}`] : [];
        },
        check: (c) => {
          const e = lastCommand(c, 'copy');
          if (!e) return fail('run the copy');
          const done = [...e.stderr, ...e.stdout].find((l) => l.startsWith('copy done:'));
          if (e.exitCode !== 0 || !done) return fail(`copy exited ${e.exitCode}: run it again (it resumes)`);
          return pass(done);
        },
      },
      {
        id: 'verify',
        title: (c) => `verify ${endsOf(c, target) ?? 'the copy'}`,
        why: 'Source and target compared node by node (data and ACLs) before the meta moves.',
        commands: (c) => {
          const ends = endsOf(c, target);
          return ends ? [`verify ${ends}`] : [];
        },
        check: (c) => {
          const e = lastCommand(c, 'verify');
          if (!e) return fail('run the verify');
          if (e.exitCode === 0) return pass(e.stdout.find((l) => l.startsWith('EQUAL')) ?? 'EQUAL');
          return fail(e.exitCode === 1 ? 'DIFFERENT: copy again, then verify' : `verify gave no verdict (exit ${e.exitCode})`);
        },
      },
      {
        id: 'meta-config',
        title: 'point the meta config at the new ZooKeeper',
        why: 'The key is [zookeeper] hosts_list (the seed\'s zkcopy section writes [meta_server], which the meta does not read).',
        instructions: () => ['in every meta server\'s config.ini:', `  [zookeeper] hosts_list = ${target}`],
      },
      {
        id: 'restart-primary',
        title: 'restart the primary meta server; verify it runs on the new ZooKeeper',
        why: 'It reads the copied tree from the new ZooKeeper: every table must be there.',
        instructions: () => ['restart the meta server on the primary host'],
        commands: (c) => nextOf(c, ['pg cluster_info', 'pg ls']),
        check: (c) => healthyCheck(c, target),
      },
      {
        id: 'start-standbys',
        title: 'start the standby meta servers',
        why: 'They now read the same config: the cluster has its standbys again.',
        instructions: () => ['start the meta server on every standby host'],
        commands: () => ['pg cluster_info'],
      },
      {
        id: 'remove-old',
        title: (c) => `remove the old data: deleteall ${root(c) ?? 'zookeeper_root'} on the old ZooKeeper`,
        why: 'The old tree would confuse a meta started with the old config; delete it once the cluster runs on the new one.',
        commands: (c) => (root(c) ? [`deleteall ${root(c)}`] : []),
        guard: (c) => (sameHosts(c.facts.connectString.replace(/\/.*$/, ''), target) ? `this session is on the new ZooKeeper (${target}): connect to the old one first` : null),
        check: (c) => {
          const e = lastCommand(c, 'deleteall');
          if (!e || e.args[0] !== root(c)) return fail(`run deleteall ${root(c) ?? ''} on the old ZooKeeper`);
          if (e.exitCode !== 0 || e.stderr.some((l) => l.startsWith('Failed to delete'))) return fail(`deleteall exited ${e.exitCode}`);
          return pass(`${root(c)} deleted from ${c.facts.connectString}`);
        },
      },
    ];
  },
};

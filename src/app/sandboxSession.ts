// The embedded default (`zkpilot` with no arguments, or `zkpilot sandbox`): start a local
// rehearsal ensemble, open the TUI on it, and take the ensemble down when the TUI exits.
import { SESSION_SANDBOX, startDefaultSandbox } from '../sandbox/cli.js';
import type { Sandbox } from '../sandbox/ensemble.js';
import { SandboxNodeActions } from '../commands/nodeActions/sandboxProvider.js';
import type { SandboxMembership } from '../sandbox/types.js';
import { startSandboxPegasus, type SandboxPegasus } from '../pegasus/standIn/sandboxPegasus.js';
import type { Settings } from '../profiles/types.js';
import { openTui } from './openTui.js';
import { counted } from '../util/counted.js';

export interface SandboxSessionOptions {
  /** `zkpilot sandbox --pegasus`: a stand-in Pegasus cluster on the ensemble, behind `pg`. */
  pegasus?: boolean;
  /** `zkpilot sandbox --static`: reconfigEnabled=false, server lines in each zoo.cfg (Z2, Z3). */
  membership?: SandboxMembership;
  /** `--nodes N` members (default 3) and `--spares M` non-voting followers ready to add (default 1; Z4 wants 3). */
  nodes?: number;
  spares?: number;
  /** `--zk-version V[,V…]`: ZooKeeper 3.4.13, 3.8.0 or 3.9.3, for all servers or one per server. */
  zkVersions?: string[];
  /** `--admin-server`: each 3.5+ server's AdminServer on 127.0.0.1 and a free port (snapshot fetch, Z5 admin=). */
  adminServer?: boolean;
}

export async function runSandboxSession(settings?: Settings, opts: SandboxSessionOptions = {}): Promise<number> {
  const membership = opts.membership ?? 'dynamic';
  const nodes = opts.nodes ?? SESSION_SANDBOX.nodes;
  const spares = opts.spares ?? SESSION_SANDBOX.spares;
  const servers = `${counted(nodes, 'server')} + ${counted(spares, 'spare')}`;
  process.stderr.write(`zkpilot: starting a local sandbox ensemble (${servers} on 127.0.0.1, ${membership} membership)${opts.pegasus ? ' and a stand-in Pegasus cluster' : ''}…\n`);
  let sandbox: Sandbox;
  try {
    sandbox = await startDefaultSandbox({
      membership, nodes, spares, zkVersions: opts.zkVersions, adminServer: opts.adminServer,
      progress: (line) => process.stderr.write(`zkpilot: ${line}\n`),
    });
  } catch (e) {
    process.stderr.write(`zkpilot: the sandbox did not start: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  let pegasus: SandboxPegasus | null = null;
  try {
    if (opts.pegasus) pegasus = await startSandboxPegasus({ connectString: sandbox.connectString, dir: sandbox.dir });
    return await openTui(sandbox.connectString, {
      title: 'sandbox',
      banner: [...sandboxBanner(sandbox), ...(pegasus ? pegasusBanner(pegasus) : [])],
      pegasusSpawn: pegasus?.spawn ?? null,
      // Spares are not in the config yet: watch them so they show as non-voting followers.
      extraHosts: sandbox.spares.map((s) => `${s.host}:${s.clientPort}`),
      nodeActions: () => new SandboxNodeActions(sandbox),
      settings,
    });
  } catch (e) {
    process.stderr.write(`zkpilot: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await pegasus?.dispose().catch(() => {});
    await sandbox.down();
  }
}

function pegasusBanner(pegasus: SandboxPegasus): string[] {
  return [`sandbox: stand-in Pegasus cluster (state in ${pegasus.stateDir}): F4 or \`pegasus\` for the >>> prompt, \`pg CMD\` for one command`];
}

/** What an operator rehearsing needs to know, printed at the top of the scrollback. */
function sandboxBanner(sandbox: Sandbox): string[] {
  const lines = [`sandbox: ${sandbox.members.length} servers at ${sandbox.connectString} (stopped when you quit)`];
  const admins = sandbox.nodes.filter((n) => n.adminPort !== undefined);
  if (admins.length > 0) lines.push(`sandbox: AdminServers ${admins.map((n) => `${n.id}: ${n.host}:${n.adminPort}`).join(', ')} (snapshot fetch HOST:PORT, runbook start Z5 … admin=HOST:PORT)`);
  if (sandbox.membership === 'static') {
    lines.push('sandbox: static membership (reconfigEnabled=false): membership changes by node config + restarts, as in Z2 and Z3');
    for (const spare of sandbox.spares) {
      lines.push(`sandbox: spare server ${spare.id} follows as a non-voting follower: runbook start Z2 new=server.${spare.id}=${spare.serverSpec}`);
    }
    return lines;
  }
  // Even a throwaway password stays off the screen (and so out of recordings).
  lines.push(`sandbox: reconfig needs the super user: addauth digest ${sandbox.superUser}:<password> (the sandbox password is in the README)`);
  for (const spare of sandbox.spares) {
    lines.push(`sandbox: spare server ${spare.id} runs as a non-voting follower: reconfig -add server.${spare.id}=${spare.serverSpec}`);
  }
  if (sandbox.spares.length >= sandbox.members.length) {
    lines.push('sandbox: to rehearse Z4 (hot migration onto the spares): type runbook start Z4 new and press Tab');
  }
  return lines;
}

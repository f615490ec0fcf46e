// `zkpilot sandbox --pegasus`: a stand-in Pegasus cluster on the sandbox ensemble — its state
// directory beside the ensemble's, the §6 tree under /pegasus/onebox, and the command line the
// console's Pegasus passthrough runs.
import path from 'node:path';
import { createZkClient } from '../../zk/client.js';
import type { ZkClient } from '../../zk/types.js';
import { createStandInCluster, standInArgv } from './control.js';

export interface SandboxPegasus {
  stateDir: string;
  /** For PegasusSession / attachPegasus: the stand-in, started like `run.sh shell --cluster …`. */
  spawn: { argv: string[]; cwd: string };
  /** Ends the session that holds the meta's leader lock (the ephemeral LOCKNODE goes with it). */
  dispose(): Promise<void>;
}

export interface SandboxPegasusOptions {
  /** The sandbox ensemble's connect string. */
  connectString: string;
  /** The sandbox's directory: the cluster state goes to `<dir>/pegasus`. */
  dir: string;
  /**
   * Keep a session holding the leader lock (default true). `sandbox up` exits at once, so it
   * passes false: the tree then has the lock directory but no LOCKNODE.
   */
  holdLock?: boolean;
}

export async function startSandboxPegasus(opts: SandboxPegasusOptions): Promise<SandboxPegasus> {
  const stateDir = path.join(opts.dir, 'pegasus');
  const holder: ZkClient = createZkClient({ connectString: opts.connectString });
  try {
    await holder.waitConnected(15_000);
    await createStandInCluster(holder, { dir: stateDir, zkConnect: opts.connectString });
  } catch (e) {
    await holder.close().catch(() => {});
    throw e;
  }
  if (opts.holdLock === false) await holder.close();
  return {
    stateDir,
    spawn: { argv: standInArgv(stateDir), cwd: stateDir },
    dispose: () => holder.close(),
  };
}

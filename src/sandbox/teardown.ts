// Taking a sandbox away: every JVM killed (by the pids we know and by a scan of /proc for configs
// under its dir), its ports released, its files removed (the dir too when it made it).
import { rmSync } from 'node:fs';
import { SandboxError } from './errors.js';
import { log4jPath, zooCfgPath } from './nodeFiles.js';
import { releasePorts, releasePortsSync } from './ports.js';
import { findJvmsUnder, isSandboxJvm, signalProcess, waitForExit } from './processes.js';
import { removeSandboxFiles } from './sandboxDir.js';
import { stateFilePath } from './stateFile.js';
import type { SandboxState } from './types.js';

function allPorts(state: SandboxState): number[] {
  return state.nodes.flatMap((n) => [n.clientPort, n.quorumPort, n.electionPort, ...(n.adminPort !== undefined ? [n.adminPort] : [])]);
}

/** Synchronous, for process.on('exit'): SIGKILL without waiting, files removed. */
export function killSandboxNow(state: SandboxState): void {
  for (const node of state.nodes) {
    if (node.pid !== null && isSandboxJvm(node.pid, zooCfgPath(node.dir))) signalProcess(node.pid, 'SIGKILL');
  }
  for (const pid of findJvmsUnder(state.dir)) signalProcess(pid, 'SIGKILL');
  const { dir, ownsDir, nodes } = state;
  const paths = ownsDir ? [dir] : [stateFilePath(dir), log4jPath(dir), ...nodes.map((n) => n.dir)];
  for (const p of paths) rmSync(p, { recursive: true, force: true, maxRetries: 3 });
  releasePortsSync(allPorts(state), dir);
}

/** Kills and waits for every JVM (pids from `onDisk` too: another process may have restarted a node). */
export async function tearDownSandbox(state: SandboxState, onDisk: SandboxState | null, killWaitMs: number): Promise<void> {
  const pids = new Set<number>(findJvmsUnder(state.dir));
  for (const node of [...state.nodes, ...(onDisk?.nodes ?? [])]) {
    if (node.pid !== null && isSandboxJvm(node.pid, zooCfgPath(node.dir))) pids.add(node.pid);
  }
  for (const pid of pids) signalProcess(pid, 'SIGKILL');
  for (const pid of pids) {
    if (!(await waitForExit(pid, killWaitMs))) throw new SandboxError(`pid ${pid} survived SIGKILL`);
  }
  for (const node of state.nodes) Object.assign(node, { pid: null, status: 'stopped' });
  await releasePorts(allPorts(state), state.dir);
  await removeSandboxFiles(state.dir, state.ownsDir, state.nodes.map((n) => n.id));
}

// The embedded default (`zkpilot` with no arguments, or `zkpilot sandbox`): start a local
// rehearsal ensemble, open the TUI on it, and take the ensemble down when the TUI exits.
import { startDefaultSandbox } from '../sandbox/cli.js';
import type { Sandbox } from '../sandbox/ensemble.js';
import type { Settings } from '../profiles/types.js';
import { openTui } from './openTui.js';

export async function runSandboxSession(settings?: Settings): Promise<number> {
  process.stderr.write('zkpilot: starting a local sandbox ensemble (3 servers + 1 spare on 127.0.0.1)…\n');
  let sandbox: Sandbox;
  try {
    sandbox = await startDefaultSandbox();
  } catch (e) {
    process.stderr.write(`zkpilot: the sandbox did not start: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  try {
    return await openTui(sandbox.connectString, {
      title: 'sandbox',
      banner: sandboxBanner(sandbox),
      // Spares are not in the config yet: watch them so they show as non-voting followers.
      extraHosts: sandbox.spares.map((s) => `${s.host}:${s.clientPort}`),
      sandbox,
      settings,
    });
  } finally {
    await sandbox.down();
  }
}

/** What an operator rehearsing needs to know, printed at the top of the scrollback. */
function sandboxBanner(sandbox: Sandbox): string[] {
  const lines = [
    `sandbox: ${sandbox.members.length} servers at ${sandbox.connectString} (stopped when you quit)`,
    // Even a throwaway password stays off the screen (and so out of recordings).
    `sandbox: reconfig needs the super user: addauth digest ${sandbox.superUser}:<password> (the sandbox password is in the README)`,
  ];
  for (const spare of sandbox.spares) {
    lines.push(`sandbox: spare server ${spare.id} runs as a non-voting follower: reconfig -add server.${spare.id}=${spare.serverSpec}`);
  }
  return lines;
}

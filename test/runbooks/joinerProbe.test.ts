// A hand-typed `reconfig -add` of a server the view does not hold (no watchHosts, not in the
// connect string or the config): the guard looks at the client address the spec names and judges
// it like any joiner (trap 2), instead of refusing "not in view" and leaving only --force. Real
// 3-server ensemble plus a joiner running as a non-voting follower, the console not told of it.
import net from 'node:net';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { waitForSnapshot } from '../ensemble/helpers.js';
import { useSandbox } from '../helpers/sandbox.js';
import { openRehearsal, runbookEvents, type Rehearsal } from './helpers.js';

const sandbox = useSandbox({ nodes: 3, spares: 1 });
let r: Rehearsal;

beforeAll(async () => {
  r = await openRehearsal(sandbox(), { extraHosts: [] });
  const sb = sandbox();
  expect((await r.ui.run(`addauth digest ${sb.superUser}:${sb.superPassword}`)).code).toBe(0);
});
afterAll(async () => {
  await r?.close();
});

/** A port nothing listens on (taken from the kernel, then released). */
function idlePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

it('judges a joiner outside the view by its client address: no address → what to add; nothing there → refused; another server there → refused; a synced non-voting follower → committed', async () => {
  const sb = sandbox();
  const joiner = sb.node(4);
  expect(r.ui.ensemble.model.getSnapshot().nodes.some((n) => n.port === joiner.clientPort)).toBe(false);
  const quorumPart = joiner.serverSpec.split(';')[0]!;

  const bare = await r.ui.run(`reconfig -add server.4=${quorumPart}`);
  expect(bare.code).toBe(1);
  expect(bare.err).toBe(
    `refused: server.4 is not in view and its spec names no client address to check it at: add it (server.4=${quorumPart};host:clientPort), or add host:clientPort to the profile's watchHosts (trap 2) (--force overrides)`,
  );

  const idle = await idlePort();
  const nothing = await r.ui.run(`reconfig -add server.4=${quorumPart};127.0.0.1:${idle}`);
  expect(nothing.code).toBe(1);
  expect(nothing.err).toBe(`refused: server.4 at 127.0.0.1:${idle} (connection refused) is down: add only a running, synced non-voting follower (trap 2) (--force overrides)`);

  const member = sb.node(1);
  const wrong = await r.ui.run(`reconfig -add server.4=${quorumPart};127.0.0.1:${member.clientPort}`);
  expect(wrong.code).toBe(1);
  expect(wrong.err).toBe(`refused: 127.0.0.1:${member.clientPort} answers as server.1, not server.4: check the client address in the spec (--force overrides)`);
  expect(r.ui.ensemble.model.getSnapshot().committed!.servers.map((s) => s.id)).toEqual([1, 2, 3]);

  const add = await r.ui.run(`reconfig -add server.4=${joiner.serverSpec}`);
  expect(add.code, add.err).toBe(0);
  expect(add.err).toBe('');
  expect(add.out).toMatch(/^Committed new configuration:\nserver\.1=.*\nserver\.2=.*\nserver\.3=.*\nserver\.4=.*\nversion=[0-9a-f]+$/);
  await waitForSnapshot(r.ui.ensemble.model, (s) => s.committed?.servers.some((x) => x.id === 4) === true && s.nodes.find((n) => n.id === 4)?.role === 'follower', 20_000);
  expect(runbookEvents(r).filter((e) => e.kind === 'guard.refused')).toHaveLength(3);
  expect(runbookEvents(r).filter((e) => e.kind === 'guard.forced')).toHaveLength(0);
});

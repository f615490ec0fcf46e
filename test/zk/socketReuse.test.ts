// A session opened while another session of the same process loses its server. The C client
// closes the lost socket inside its event processing and then runs the JS callbacks, so a session
// opened from such a callback gets the same descriptor number; the binding's poll handle for the
// old socket used to hold that number, and the new session then never sent its ConnectRequest
// (seen after rolling restarts: the server's `cons` showed the connection with 0 packets).
// Against a real 3-server ensemble.
import { describe, expect, it } from 'vitest';
import { loadNativeZk, type NativeZk } from '../../src/zk/native.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ nodes: 3 });

function connected(zk: NativeZk): Promise<void> {
  return new Promise((resolve) => zk.once('connect', () => resolve()));
}

describe('the native client', () => {
  it('connects a session opened from another session’s connection-loss callback', async () => {
    const sb = sandbox();
    const [first, ...rest] = sb.nodes;
    const Native = loadNativeZk();
    const lost = new Native({ connect: `${first!.host}:${first!.clientPort}`, timeout: 20_000, debug_level: 0 });
    let opened: NativeZk | null = null;
    try {
      const up = connected(lost);
      lost.init({});
      await up;
      const openedUp = new Promise<void>((resolve) => {
        lost.once('connecting', () => {
          // Inside the lost session's event processing, right after its socket was closed.
          opened = new Native({ connect: rest.map((n) => `${n.host}:${n.clientPort}`).join(','), timeout: 20_000, debug_level: 0 });
          void connected(opened).then(resolve);
          opened.init({});
        });
      });
      await sb.stopNode(first!.id);
      await openedUp;
      const stat = await new Promise<number>((resolve) => opened!.a_exists('/', false, (rc) => resolve(rc)));
      expect(stat).toBe(0);
    } finally {
      lost.close();
      (opened as NativeZk | null)?.close();
    }
  }, 60_000);
});

// fourLetterWord against a real server whose whitelist leaves some words out.

import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { fourLetterWord, parseConf, parseCons, parseMntr, parseSrvr } from '../../src/zk/fourLetter.js';
import { createZkClient } from '../../src/zk/client.js';
import { useSandbox } from '../helpers/sandbox.js';
import { freePort } from './zkCli.js';

const sandbox = useSandbox({ nodes: 1, extraConfig: ['4lw.commands.whitelist=srvr,ruok,conf,cons,mntr,stat'] });
let zk: { connectString: string };
let port: number;

beforeAll(() => {
  zk = { connectString: sandbox().connectString };
  port = sandbox().nodes[0]!.clientPort;
});

describe('fourLetterWord', () => {
  it('reads ruok without a trailing newline', async () => {
    expect(await fourLetterWord('127.0.0.1', port, 'ruok')).toEqual({ kind: 'ok', text: 'imok' });
  });

  it('reads and parses srvr, mntr and conf', async () => {
    const srvr = await fourLetterWord('127.0.0.1', port, 'srvr');
    expect(srvr.kind).toBe('ok');
    const info = parseSrvr(srvr.kind === 'ok' ? srvr.text : '');
    expect(info.mode).toBe('leader'); // a one-member ensemble (standaloneEnabled=false)
    expect(info.version).toMatch(/^3\.8\./);
    expect(info.zxid?.hex).toMatch(/^0x[0-9a-f]+$/);
    expect(info.nodeCount).toBeGreaterThanOrEqual(4);

    const mntr = await fourLetterWord('127.0.0.1', port, 'mntr');
    const metrics = parseMntr(mntr.kind === 'ok' ? mntr.text : '');
    expect(metrics['zk_server_state']).toBe('leader');
    expect(metrics['zk_peer_state']).toBe('leading - broadcast');
    expect(typeof metrics['zk_znode_count']).toBe('number');

    const conf = await fourLetterWord('127.0.0.1', port, 'conf');
    expect(conf.kind).toBe('ok');
    const parsed = parseConf(conf.kind === 'ok' ? conf.text : '');
    expect(parsed.settings['clientPort']).toBe(String(port));
    expect(parsed.serverId).toBe(1);
    expect(parsed.membership?.servers.map((s) => s.clientPort)).toEqual([port]);
  });

  it('lists a client session in cons', async () => {
    const client = createZkClient({ connectString: zk.connectString });
    try {
      await client.waitConnected();
      const cons = await fourLetterWord('127.0.0.1', port, 'cons');
      const entries = parseCons(cons.kind === 'ok' ? cons.text : '');
      expect(entries.find((e) => e.sessionId === client.sessionId)).toMatchObject({ timeoutMs: client.sessionTimeoutMs });
    } finally {
      await client.close();
    }
  });

  it('reports a word outside the whitelist', async () => {
    expect(await fourLetterWord('127.0.0.1', port, 'envi')).toEqual({
      kind: 'notWhitelisted',
      text: 'envi is not executed because it is not in the whitelist.\n',
    });
  });

  it('reports refused connections', async () => {
    expect(await fourLetterWord('127.0.0.1', await freePort(), 'srvr')).toEqual({ kind: 'refused' });
  });

  it('times out on a server that never answers', async () => {
    const silent = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const silentPort = (silent.address() as net.AddressInfo).port;
      expect(await fourLetterWord('127.0.0.1', silentPort, 'srvr', { timeoutMs: 200 })).toEqual({ kind: 'timeout' });
    } finally {
      silent.close();
    }
  });
});

// What the process-level benches (startup, tui) share: a temporary directory with XDG dirs for the
// children (no operator profiles, history or recordings involved), the children's environment
// (CI unset: Ink paints no frames in CI, and chalk drops colours when CI is set at all), a record
// of every process group started so nothing outlives the bench (exit, error, SIGINT/TERM/HUP),
// and the sandbox ensemble they measure against, checked to listen on loopback only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** All live descendants of `pid` (by /proc/<pid>/stat ppid), nearest first. */
export function descendants(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift();
    for (const [child, parent] of parentOf) if (parent === p) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** Running or stopped; a zombie (exited, not yet reaped by whoever inherited it) counts as gone. */
export function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZXx]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** Every listening TCP socket of `pids` must be bound to loopback. */
export function checkLoopback(pids) {
  const inodes = new Set();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
          if (m) inodes.add(m[1]);
        } catch {
          // closed meanwhile
        }
      }
    } catch {
      return { ok: null, text: `cannot read /proc/${pid}/fd` };
    }
  }
  const listening = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines = [];
    try {
      lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      if (f[3] !== '0A' || !inodes.has(f[9])) continue; // 0A: LISTEN
      const [hex, portHex] = f[1].split(':');
      const port = parseInt(portHex, 16);
      let addr;
      let loopback;
      if (hex.length === 8) {
        const b = Buffer.from(hex, 'hex').reverse();
        addr = [...b].join('.');
        loopback = b[0] === 127;
      } else {
        loopback = hex === '00000000000000000000000001000000' || /^0000000000000000FFFF0000[0-9A-F]{6}7F$/i.test(hex);
        addr = hex === '00000000000000000000000000000000' ? '[::]' : `[${hex}]`;
      }
      listening.push({ addr, port, loopback });
    }
  }
  if (listening.length === 0) return { ok: null, text: 'no listening sockets found for the sandbox servers' };
  const bad = listening.filter((l) => !l.loopback);
  const all = listening.map((l) => `${l.addr}:${l.port}`).join(', ');
  return bad.length === 0 ? { ok: true, text: `loopback only: yes (listening on ${all})` } : { ok: false, text: `loopback only: NO — listening on ${all}` };
}

/** The bench's workspace; cleaned up once, on exit or a signal. */
export function benchWorkspace({ label, node, cli, log }) {
  const tmpRoot = mkdtempSync(path.join(os.tmpdir(), `zkpilot-bench-${label}-`));
  const sandboxDir = path.join(tmpRoot, 'sandbox');
  /** pid -> extra pids to kill with it (a pty's session lives outside our process group). */
  const live = new Map();
  let sandboxStarted = false;
  let cleanedUp = false;

  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  for (const key of ['FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS']) delete env[key];
  const childEnv = {
    ...env,
    TERM: 'xterm-256color',
    XDG_CONFIG_HOME: path.join(tmpRoot, 'config'),
    XDG_STATE_HOME: path.join(tmpRoot, 'state'),
    XDG_DATA_HOME: path.join(tmpRoot, 'data'),
  };

  /** Kills the process group led by `pid` and every descendant found now or recorded before. */
  function killTree(pid, signal = 'SIGKILL') {
    const pids = new Set([...(live.get(pid) ?? []), ...descendants(pid)]);
    try {
      process.kill(-pid, signal);
    } catch {
      // group gone
    }
    for (const p of pids) {
      try {
        process.kill(p, signal);
      } catch {
        // gone
      }
    }
  }

  const track = (pid) => live.set(pid, []);
  /** Records the descendants `pid` has now (a pty's session leaves our process group). */
  const remember = (pid) => {
    if (live.has(pid)) live.set(pid, [...new Set([...live.get(pid), ...descendants(pid)])]);
  };
  /** Kills what `pid` started and forgets it; returns the pids that were recorded with it. */
  const release = (pid) => {
    const pids = live.get(pid) ?? [];
    killTree(pid);
    live.delete(pid);
    return pids;
  };

  function sandboxPids() {
    try {
      const state = JSON.parse(readFileSync(path.join(sandboxDir, 'sandbox.json'), 'utf8'));
      return state.nodes.map((n) => n.pid).filter((p) => Number.isInteger(p));
    } catch {
      return [];
    }
  }

  /** `zkpilot sandbox up ARGS` in the workspace: its connect string, checked to be loopback only. */
  function sandboxUp(args, timeout = 120_000) {
    sandboxStarted = true;
    const up = spawnSync(node, [cli, 'sandbox', 'up', '--dir', sandboxDir, ...args], { env: childEnv, encoding: 'utf8', timeout });
    const connectString = /connect string\s*:\s*(\S+)/.exec(up.stdout ?? '')?.[1];
    if (up.status !== 0 || !connectString) throw new Error(`sandbox up failed (${up.status ?? up.signal ?? up.error?.message}): ${up.stdout ?? ''}${up.stderr ?? ''}`);
    if (!connectString.split(',').every((hp) => /^127\.0\.0\.1:\d+$/.test(hp))) throw new Error(`the sandbox's connect string is not loopback-only: ${connectString}`);
    const loopback = checkLoopback(sandboxPids());
    if (loopback.ok === false) throw new Error(loopback.text);
    return { connectString, loopback };
  }

  function cleanup() {
    if (cleanedUp) return;
    cleanedUp = true;
    for (const pid of live.keys()) killTree(pid);
    live.clear();
    if (sandboxStarted) {
      const pids = sandboxPids();
      const down = spawnSync(node, [cli, 'sandbox', 'down', '--dir', sandboxDir], { env: childEnv, encoding: 'utf8', timeout: 60_000 });
      if (down.status !== 0) log(`sandbox down failed (${down.status ?? down.signal}): ${down.stderr ?? ''}`);
      for (const pid of pids) {
        if (!alive(pid)) continue;
        log(`sandbox server ${pid} still running after down: killing it`);
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    rmSync(tmpRoot, { recursive: true, force: true });
  }

  process.on('exit', cleanup);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      log(`${signal}: stopping everything`);
      cleanup();
      process.exit(code);
    });
  }

  return { tmpRoot, sandboxDir, childEnv, killTree, track, remember, release, sandboxUp, cleanup };
}

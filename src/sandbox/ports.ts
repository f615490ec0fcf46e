// Free-port allocation for sandbox nodes on 127.0.0.1.
//
// Why not `listen(0)`: the kernel hands out ports from the ephemeral range, which is also where
// outgoing connections (ZooKeeper's own quorum links, test clients) get their local ports, so a
// port probed free can be taken before the JVM binds it seconds later. We pick random ports
// *outside* the ephemeral range instead, and leave a reservation file per port so that sandboxes
// started concurrently by other processes (parallel test files, a second terminal) skip it.
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const LOWEST_PORT = 10000;
const HIGHEST_PORT = 65535;
/** A reservation whose owner has not written its state file yet is honoured this long. */
const STARTUP_GRACE_MS = 2 * 60_000;

export const RESERVATION_DIR = path.join(os.tmpdir(), 'zkpilot-port-reservations');

function ephemeralRange(): [number, number] {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(lo) && Number.isInteger(hi)) return [lo!, hi!];
  } catch {
    // not Linux: fall through to the IANA dynamic range
  }
  return [49152, 65535];
}

/** Ports we may pick: [LOWEST_PORT, HIGHEST_PORT] minus the ephemeral range. */
function candidateRanges(): Array<[number, number]> {
  const [eLo, eHi] = ephemeralRange();
  const ranges: Array<[number, number]> = [];
  if (eLo - 1 >= LOWEST_PORT) ranges.push([LOWEST_PORT, Math.min(eLo - 1, HIGHEST_PORT)]);
  if (eHi + 1 <= HIGHEST_PORT) ranges.push([Math.max(eHi + 1, LOWEST_PORT), HIGHEST_PORT]);
  return ranges.length > 0 ? ranges : [[LOWEST_PORT, HIGHEST_PORT]];
}

function randomCandidate(ranges: Array<[number, number]>): number {
  const total = ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
  let pick = Math.floor(Math.random() * total);
  for (const [lo, hi] of ranges) {
    const size = hi - lo + 1;
    if (pick < size) return lo + pick;
    pick -= size;
  }
  return ranges[0]![0];
}

export function canBind(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function reservationIsLive(file: string): Promise<boolean> {
  try {
    const [owner, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    if (Date.now() - stat.mtimeMs < STARTUP_GRACE_MS) return true;
    await fs.access(path.join(owner.trim(), 'sandbox.json'));
    return true;
  } catch {
    return false;
  }
}

async function tryReserve(port: number, ownerDir: string): Promise<boolean> {
  const file = path.join(RESERVATION_DIR, String(port));
  try {
    await fs.writeFile(file, ownerDir, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (await reservationIsLive(file)) return false;
  // Stale: its sandbox is gone. Remove and retry once; `wx` keeps a racing taker exclusive.
  await fs.rm(file, { force: true });
  try {
    await fs.writeFile(file, ownerDir, { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

/** Deletes reservations of sandboxes that are gone, so the directory does not grow forever. */
async function sweepStaleReservations(): Promise<void> {
  const names = await fs.readdir(RESERVATION_DIR).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(RESERVATION_DIR, name);
    if (!(await reservationIsLive(file))) await fs.rm(file, { force: true });
  }
}

/**
 * Reserves `count` distinct ports free on 127.0.0.1 for the sandbox in `ownerDir`. The
 * reservations last while `<ownerDir>/sandbox.json` exists; `releasePorts` drops them early.
 */
export async function allocatePorts(count: number, ownerDir: string): Promise<number[]> {
  await fs.mkdir(RESERVATION_DIR, { recursive: true });
  await sweepStaleReservations();
  const ranges = candidateRanges();
  const ports: number[] = [];
  for (let attempts = 0; ports.length < count; attempts++) {
    if (attempts > count * 200) {
      await releasePorts(ports, ownerDir);
      throw new Error(`could not find ${count} free ports on 127.0.0.1`);
    }
    const port = randomCandidate(ranges);
    if (ports.includes(port)) continue;
    if (!(await tryReserve(port, ownerDir))) continue;
    if (await canBind(port)) ports.push(port);
    else await fs.rm(path.join(RESERVATION_DIR, String(port)), { force: true });
  }
  return ports;
}

/** Drops this sandbox's reservations (others' files are left alone). */
export async function releasePorts(ports: number[], ownerDir: string): Promise<void> {
  await Promise.all(
    ports.map(async (port) => {
      const file = path.join(RESERVATION_DIR, String(port));
      try {
        if ((await fs.readFile(file, 'utf8')).trim() === ownerDir) await fs.rm(file, { force: true });
      } catch {
        // already gone
      }
    }),
  );
}

/** Synchronous variant of `releasePorts`, for process 'exit' handlers. */
export function releasePortsSync(ports: number[], ownerDir: string): void {
  for (const port of ports) {
    const file = path.join(RESERVATION_DIR, String(port));
    try {
      if (readFileSync(file, 'utf8').trim() === ownerDir) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  }
}

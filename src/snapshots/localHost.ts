// Whether a server's files are on this machine: zkpilot reads a dataDir only where it runs.
import os from 'node:os';

export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '::1' || h.startsWith('127.') || h === os.hostname().toLowerCase()) return true;
  return Object.values(os.networkInterfaces()).some((list) => (list ?? []).some((a) => a.address.toLowerCase() === h));
}

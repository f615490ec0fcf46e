// Small helpers for the zk layer's integration tests: the real zkCli (to create what the binding
// cannot, e.g. null data) and a port nothing listens on.

import { spawn } from 'node:child_process';
import net from 'node:net';

const CLIENT_JARS = ['zookeeper.jar', 'zookeeper-jute.jar', 'slf4j-api.jar', 'slf4j-nop.jar', 'commons-cli.jar'].map(
  (jar) => `/usr/share/java/${jar}`,
);

/** Runs zkCli 3.8 one-shot (`ZooKeeperMain -server <server> <args...>`). */
export function runZkCli(server: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-cp', CLIENT_JARS.join(':'), 'org.apache.zookeeper.ZooKeeperMain', '-server', server, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A loopback port that was free a moment ago (connections to it are refused). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

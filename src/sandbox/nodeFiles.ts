// What a sandbox node is on disk (myid, static zoo.cfg, initial dynamic config, log4j config)
// and the java command line that runs it.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { JVM_MAIN_CLASS } from './processes.js';
import type { SandboxMembership, SandboxNode } from './types.js';
import { DEFAULT_ZK_VERSION, hasDynamicConfig, type ZkVersion } from './zkVersions.js';

export const HOST = '127.0.0.1';
export const TICK_TIME_MS = 1000;
/** Debian's 3.8 jar (its manifest names the library jars); ZKPILOT_ZOOKEEPER_CLASSPATH overrides. */
const DEBIAN_JAR = '/usr/share/java/zookeeper.jar';
// Light JVMs: the target machines for rehearsals and CI have few cores and run several nodes.
export const DEFAULT_HEAP_MB = 128;
const JVM_FLAGS = [
  '-Xss512k',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:-UsePerfData',
  '-Djava.net.preferIPv4Stack=true',
];

export function nodeDir(sandboxDir: string, id: number): string {
  return path.join(sandboxDir, `node-${id}`);
}

export function zooCfgPath(dir: string): string {
  return path.join(dir, 'zoo.cfg');
}

export function logFilePath(dir: string): string {
  return path.join(dir, 'server.log');
}

export function log4jPath(sandboxDir: string): string {
  return path.join(sandboxDir, 'log4j.properties');
}

export function serverSpec(node: Pick<SandboxNode, 'host' | 'quorumPort' | 'electionPort' | 'clientPort'>): string {
  return `${node.host}:${node.quorumPort}:${node.electionPort}:participant;${node.host}:${node.clientPort}`;
}

export function serverLine(node: SandboxNode): string {
  return `server.${node.id}=${node.serverSpec}`;
}

/**
 * A server line as a node of `version` reads it: 3.4 knows no `;host:clientPort` part (its
 * client port is `clientPort` in zoo.cfg).
 */
export function serverLineFor(line: string, version: ZkVersion): string {
  return hasDynamicConfig(version) ? line : line.split(';')[0]!;
}

export interface NodeFileOptions {
  /** dynamic (default): reconfigEnabled=true and a dynamic file; static: server lines in zoo.cfg. */
  membership?: SandboxMembership;
  /** The node's ZooKeeper (default 3.8.0); 3.4 gets a 3.4 zoo.cfg (static, clientPort). */
  version?: ZkVersion;
  sessionTimeoutMs?: number;
  extraConfig?: string[];
  nodeConfig?: string[];
}

function sessionTimeoutLines(sessionTimeoutMs: number | undefined): string[] {
  if (sessionTimeoutMs === undefined) return [];
  // The server clamps what clients ask for into [min, max]; capping max makes every session
  // expire after `sessionTimeoutMs` whatever the client library requests.
  const min = Math.min(2 * TICK_TIME_MS, sessionTimeoutMs);
  return [`minSessionTimeout=${min}`, `maxSessionTimeout=${sessionTimeoutMs}`];
}

/** Jetty's servlet API: Debian's ZooKeeper jars do not name it, and without it the AdminServer silently stays off. */
export const SERVLET_API_JAR = '/usr/share/java/servlet-api.jar';

/** On its own loopback port when the sandbox has AdminServers, else off (it would take :8080). */
function adminServerLines(node: SandboxNode): string[] {
  if (node.adminPort === undefined) return ['admin.enableServer=false'];
  return ['admin.enableServer=true', `admin.serverAddress=${node.host}`, `admin.serverPort=${node.adminPort}`];
}

export function dataDirPath(dir: string): string {
  return path.join(dir, 'data');
}

/**
 * Writes `data/myid`, `zoo.cfg` and, with dynamic membership, `zoo.cfg.dynamic` (the `server.N`
 * lines of `members`); with static membership the lines go into zoo.cfg itself.
 * ZooKeeper rewrites zoo.cfg and the dynamic file itself once it has joined an ensemble (dynamic
 * only: with reconfigEnabled=false 3.8 leaves zoo.cfg alone, ZOOKEEPER-2819).
 * No clientPort/clientPortAddress in zoo.cfg: the client address lives in the server lines (so
 * reconfig can move it), and 3.8 refuses clientPortAddress without clientPort.
 * A 3.4 node gets what 3.4 knows: `clientPort`/`clientPortAddress`, `server.N=host:quorum:election`
 * lines, and none of reconfigEnabled, standaloneEnabled, dynamicConfigFile, the 4lw whitelist
 * (3.4 allows every word) or the admin server. Alone, a 3.4 server runs standalone.
 */
export async function writeNodeFiles(
  node: SandboxNode,
  members: SandboxNode[],
  options: NodeFileOptions,
): Promise<void> {
  const dataDir = dataDirPath(node.dir);
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(path.join(dataDir, 'myid'), `${node.id}\n`);
  const version = options.version ?? DEFAULT_ZK_VERSION;
  if (!hasDynamicConfig(version)) {
    const lines = [
      `tickTime=${TICK_TIME_MS}`,
      'initLimit=10',
      'syncLimit=5',
      `dataDir=${dataDir}`,
      `clientPort=${node.clientPort}`,
      `clientPortAddress=${node.host}`,
      ...sessionTimeoutLines(options.sessionTimeoutMs),
      ...(options.extraConfig ?? []),
      ...(options.nodeConfig ?? []),
      ...members.map((m) => serverLineFor(serverLine(m), version)),
    ];
    await fs.writeFile(zooCfgPath(node.dir), `${lines.join('\n')}\n`);
    return;
  }
  const isStatic = options.membership === 'static';
  const dynamicFile = path.join(node.dir, 'zoo.cfg.dynamic');
  if (!isStatic) await fs.writeFile(dynamicFile, `${members.map(serverLine).join('\n')}\n`);
  const lines = [
    `tickTime=${TICK_TIME_MS}`,
    'initLimit=10',
    'syncLimit=5',
    `dataDir=${dataDir}`,
    '4lw.commands.whitelist=*',
    `reconfigEnabled=${isStatic ? 'false' : 'true'}`,
    'standaloneEnabled=false',
    ...adminServerLines(node),
    ...sessionTimeoutLines(options.sessionTimeoutMs),
    ...(options.extraConfig ?? []),
    ...(options.nodeConfig ?? []),
    ...(isStatic ? members.map(serverLine) : [`dynamicConfigFile=${dynamicFile}`]),
  ];
  await fs.writeFile(zooCfgPath(node.dir), `${lines.join('\n')}\n`);
}

export async function writeLog4jConfig(sandboxDir: string): Promise<void> {
  const lines = [
    'log4j.rootLogger=INFO, CONSOLE',
    'log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender',
    'log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.CONSOLE.layout.ConversionPattern=%d{ISO8601} [myid:%X{myid}] %-5p %c{1} - %m%n',
  ];
  await fs.writeFile(log4jPath(sandboxDir), `${lines.join('\n')}\n`);
}

export function javaExecutable(): string {
  return process.env.ZKPILOT_JAVA ?? 'java';
}

/** Fails early with an actionable message instead of a JVM ClassNotFoundException later. */
export function checkZooKeeperInstalled(): void {
  if (process.env.ZKPILOT_ZOOKEEPER_CLASSPATH) return;
  if (!existsSync(DEBIAN_JAR)) {
    throw new Error(
      `ZooKeeper not found at ${DEBIAN_JAR}` +
        ' (install the Debian "zookeeper" package or set ZKPILOT_ZOOKEEPER_CLASSPATH)',
    );
  }
}

/** `classpath`: the jars of the node's build (zkBuilds.ts), in order. */
export function javaArgs(node: SandboxNode, sandboxDir: string, digest: string, classpath: readonly string[], heapMb = DEFAULT_HEAP_MB): string[] {
  return [
    `-Xmx${heapMb}m`,
    ...JVM_FLAGS,
    `-Dzookeeper.DigestAuthenticationProvider.superDigest=${digest}`,
    `-Dlog4j.configuration=file:${log4jPath(sandboxDir)}`,
    `-Dzookeeper.log.dir=${node.dir}`,
    '-cp',
    classpath.join(path.delimiter),
    JVM_MAIN_CLASS,
    zooCfgPath(node.dir),
  ];
}

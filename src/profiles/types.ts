// The shapes of the config file and of what the rest of zkpilot gets from it. The file holds
// `profiles` (one per cluster, keyed by name) and `settings` (UI/behaviour preferences); conf
// adds its own `__internal__` bookkeeping (the schema version migrations have reached).

// config: writes the server lines ({members}) into a node's zoo.cfg; wipe: cleans its data dir
// (version-2, zookeeper_server.pid) and writes myid — static membership changes (RUNBOOKS Z2/Z3).
export const NODE_ACTION_IDS = ['start', 'stop', 'restart', 'status', 'config', 'wipe', 'upgrade'] as const;
export type NodeActionId = (typeof NODE_ACTION_IDS)[number];

/** The accents Ink/chalk can draw; `#rrggbb` works too. */
export const ACCENT_NAMES = ['red', 'yellow', 'green', 'blue', 'magenta', 'cyan', 'white', 'gray'] as const;

export interface PegasusShellConfig {
  /** The operator's shell command line, e.g. `./run.sh shell --cluster 10.0.0.1:34601`. */
  command: string;
  /** Working directory the shell runs in (run.sh expects the Pegasus checkout). */
  cwd?: string;
}

export interface SuperDigestConfig {
  /** The digest user (`addauth digest USER:PASSWORD`), usually `super`. */
  user: string;
  /** Set only by an explicit opt-in; without it `password` never reaches the file. */
  storePassword?: boolean;
  password?: string;
}

/** A profile as stored under its name in the file. */
export interface StoredProfile {
  /** host:port[,host:port…][/chroot], as zkCli's -server takes it. */
  connectString: string;
  sessionTimeoutMs?: number;
  /** Servers not (yet) in the ensemble config that the panel should poll too, host[:port]. */
  watchHosts?: string[];
  pegasus?: PegasusShellConfig;
  /** Templates with {host}, {id}, {clientPort} (config: also {members}); run by the node-action commands and runbooks. */
  nodeActions?: Partial<Record<NodeActionId, string>>;
  /** Snapshot dataDir per host; `*` is the fallback for hosts not listed. */
  dataDirs?: Record<string, string>;
  superDigest?: SuperDigestConfig;
  /** The "you are in prod" cue: a red header unless `accent` says otherwise. */
  production?: boolean;
  accent?: string;
  description?: string;
}

/** A profile as the program uses it: the stored fields plus its name. */
export interface Profile extends StoredProfile {
  name: string;
}

export interface Settings {
  pollIntervalMs: number;
  scrollbackLines: number;
  historySize: number;
  callTimeoutMs: number;
  connectTimeoutMs: number;
  sessionsDir: string;
  /** Action id (keyTable.ts) → the keys that replace its default keys. */
  keyBindings: Record<string, string[]>;
}

/** The settings as they may appear in the file: any subset; a key binding may be one key or several. */
export type StoredSettings = Partial<Omit<Settings, 'keyBindings'>> & { keyBindings?: Record<string, string | string[]> };

// A type alias, not an interface: conf's store type must be assignable to Record<string, unknown>.
export type ConfigDocument = {
  profiles?: Record<string, StoredProfile>;
  settings?: StoredSettings;
  __internal__?: { migrations?: { version?: string } };
};

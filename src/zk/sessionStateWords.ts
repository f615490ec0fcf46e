// How an operator reads a session state in a timeline or a postmortem: the KeeperState words
// zkCli prints ("zookeeper state changed (Disconnected)"), not our enum names.
const SESSION_WORDS: Record<string, string> = {
  CONNECTED: 'Connected',
  CONNECTING: 'Connecting',
  DISCONNECTED: 'Disconnected',
  EXPIRED: 'Expired',
  AUTH_FAILED: 'AuthFailed',
  CLOSED: 'Closed',
};

export function sessionStateWord(state: string): string {
  return SESSION_WORDS[state] ?? state;
}

// The header line: product, cluster, server version, session state (one colour per meaning) and
// session id — what an operator checks first after looking away from the screen.
import { Text } from 'ink';
import type { HeaderFacts } from './console/consoleStore.js';
import { useKeymap } from './input/KeymapContext.js';
import { HeaderLine, Sep } from './HeaderLine.js';
import { sessionStateStyle, useTheme } from './theme.js';

export function Header({ facts, width, hiddenPanes }: { facts: HeaderFacts; width: number; hiddenPanes: number }) {
  const theme = useTheme();
  const keymap = useKeymap();
  const sep = <Sep />;
  return (
    <HeaderLine width={width}>
      {facts.accent ? (
        <Text bold inverse color={theme.color ? facts.accent.colour : undefined}>{` ${facts.accent.badge} `}</Text>
      ) : (
        <Text bold>{facts.title}</Text>
      )}
      {facts.recording ? (
        // Right after the cluster, so a narrow pane still shows that this run is recorded.
        <>
          {' '}
          <Text bold color={theme.color ? 'red' : undefined}>
            REC●
          </Text>
          <Text> {facts.recording.sessionId}</Text>
        </>
      ) : null}
      {sep}
      <Text>ZooKeeper {facts.serverVersion ?? <Text dimColor>?</Text>}</Text>
      {sep}
      <Text {...sessionStateStyle(theme, facts.state)}>● {facts.state}</Text>
      {facts.sessionId ? (
        <>
          {sep}
          <Text>session 0x{facts.sessionId}</Text>
        </>
      ) : null}
      {hiddenPanes > 0 ? <Text dimColor>{`  (+${hiddenPanes} pane${hiddenPanes > 1 ? 's' : ''}: ${keymap.label('panes.toggle')})`}</Text> : null}
    </HeaderLine>
  );
}

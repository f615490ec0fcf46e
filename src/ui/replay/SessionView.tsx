// The read-only screen of replay and follow: a header (what is being shown, cluster, client
// session state, leader), the scrollback as the operator saw it, the timeline beside it on wide
// terminals (or instead of it, toggled with a key, on narrow ones), and a status line with the keys.
// Nothing here can send a command: there is no input line.
import { Box, Text } from 'ink';
import type { ScrollAnchor } from '../../util/scrollback.js';
import { useKeymap } from '../input/KeymapContext.js';
import type { SessionScreen, TimelineRow } from '../../sessions/sessionScreen.js';
import { utcClock } from '../../sessions/timeFormat.js';
import { sessionStateStyle, toneStyle, useTheme } from '../theme.js';
import { ScrollbackView } from '../ScrollbackView.js';
import { HeaderLine, Sep } from '../HeaderLine.js';

export interface SessionViewProps {
  screen: SessionScreen;
  /** `REPLAY` or `FOLLOW`. */
  badge: string;
  cols: number;
  rows: number;
  /** Left part of the status line (position, speed, live/ended). */
  status: string;
  /** Key hints, right part of the status line. */
  hints: string;
  anchor: ScrollAnchor | null;
  /** Narrow terminals: show the timeline instead of the scrollback. */
  timelineOnly: boolean;
}

/** From this width the timeline gets a column on the right. */
export const SIDE_TIMELINE_AT = 110;

/** Where things go for a terminal size (rows-1 lines, as the console lays itself out). */
export function viewLayout(cols: number, rows: number) {
  const bodyHeight = Math.max(1, rows - 1 - 2); // header and status line
  const side = cols >= SIDE_TIMELINE_AT;
  const timelineWidth = side ? Math.max(36, Math.min(60, Math.floor(cols * 0.38))) : cols;
  return { bodyHeight, side, timelineWidth, shellWidth: side ? cols - timelineWidth : cols };
}

export function SessionView(props: SessionViewProps) {
  const { screen, cols, rows } = props;
  const { bodyHeight, side, timelineWidth, shellWidth } = viewLayout(cols, rows);
  return (
    <Box flexDirection="column" width={cols} height={rows - 1} overflow="hidden">
      <ViewHeader screen={screen} badge={props.badge} width={cols} />
      <Box flexDirection="row" width={cols} height={bodyHeight} overflow="hidden">
        {!side && props.timelineOnly ? null : <Scroll screen={screen} width={shellWidth} height={bodyHeight} anchor={props.anchor} />}
        {side || props.timelineOnly ? <Timeline rows={screen.timeline} width={timelineWidth} height={bodyHeight} bordered={side} /> : null}
      </Box>
      <Box width={cols} height={1} overflow="hidden">
        <Text wrap="truncate-end">
          <Text inverse>{` ${props.status} `}</Text>
          <Text dimColor>{`  ${props.hints}`}</Text>
        </Text>
      </Box>
    </Box>
  );
}

function ViewHeader({ screen, badge, width }: { screen: SessionScreen; badge: string; width: number }) {
  const theme = useTheme();
  const h = screen.header;
  const sep = <Sep />;
  return (
    <HeaderLine width={width}>
      <Text bold inverse color={theme.color ? 'magenta' : undefined}>{` ${badge} `}</Text> <Text bold>{h.cluster}</Text>
      {sep}
      <Text {...sessionStateStyle(theme, h.state)}>● {h.state}</Text>
      {sep}
      <Text>leader {h.leader ?? <Text dimColor>?</Text>}</Text>
      {sep}
      <Text>
        {h.operator} · {h.id}
        {h.at !== null ? ` · ${utcClock(h.at)}Z` : ''}
      </Text>
    </HeaderLine>
  );
}

function Scroll({ screen, width, height, anchor }: { screen: SessionScreen; width: number; height: number; anchor: ScrollAnchor | null }) {
  const follow = useKeymap().label('viewer.follow');
  return <ScrollbackView view={screen.scrollback.window(width, height, anchor, 0)} width={width} height={height} followHint={` — ${follow} to follow`} />;
}

function Timeline({ rows, width, height, bordered }: { rows: readonly TimelineRow[]; width: number; height: number; bordered: boolean }) {
  const theme = useTheme();
  const inner = bordered ? height - 3 : height - 1;
  const shown = rows.slice(Math.max(0, rows.length - Math.max(1, inner)));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" borderStyle={bordered ? 'single' : undefined}>
      <Text bold wrap="truncate-end">
        Timeline
      </Text>
      {shown.map((r) => (
        <Text key={r.key} wrap="truncate-end" {...toneStyle(theme, r.tone)}>
          {`${utcClock(r.ts)} ${label(r)}`}
        </Text>
      ))}
    </Box>
  );
}

function label(r: TimelineRow): string {
  switch (r.category) {
    case 'command':
      return `$ ${r.text}`;
    case 'note':
      return `✎ ${r.who}: ${r.text}`;
    case 'mark':
      return `⚑ ${r.text}`;
    default:
      return r.text;
  }
}

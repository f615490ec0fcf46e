// The console screen: header, body (shell pane plus the optional panes later issues add),
// completion popup, input line and key-hint bar, laid out for the terminal's size at rows-1
// lines (Ink 6.8 repaints the whole screen on every frame once a frame is as tall as the terminal).
import { useEffect, useMemo, type ReactNode } from 'react';
import { Box, Text, useApp } from 'ink';
import { keyContexts, type ConsoleStore, type PaneId } from './console/consoleStore.js';
import { useConsoleState } from './console/useConsoleState.js';
import { KeymapProvider } from './input/KeymapContext.js';
import { useConsoleKeys, type PaneKeyMap, type PaneKeys } from './input/useConsoleKeys.js';
import { displayWidth } from '../util/scrollback.js';
import { CompletionPopup, popupHeight } from './CompletionPopup.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HintBar } from './HintBar.js';
import { ProgressLine, progressRows } from './ProgressLine.js';
import { InputLine } from './InputLine.js';
import { ShellPane } from './ShellPane.js';
import { ThemeProvider, colorFromEnv } from './theme.js';
import { useTerminalSize, type TerminalSize } from './useTerminalSize.js';

export interface PaneSize {
  width: number;
  height: number;
  focused: boolean;
}

/** A pane beside the shell (ensemble panel, event timeline, checklist): given by later issues. */
export interface PaneSlot {
  id: Exclude<PaneId, 'shell'>;
  title: string;
  /** Rows it would like when stacked above the shell pane (default 6). */
  preferredRows?: number;
  focusable?: boolean;
  render(size: PaneSize): ReactNode;
  /** Its keymap context and actions while focused (the timeline's scroll keys). */
  keys?: PaneKeys;
}

export interface AppProps {
  model: ConsoleStore;
  /** Terminal size override (tests); by default read from stdout and updated on resize. */
  size?: TerminalSize;
  panes?: readonly PaneSlot[];
  /** Colour on/off; defaults to honouring NO_COLOR. */
  color?: boolean;
  onExit?: (code: number) => void;
}

export const MIN_COLS = 60;
export const MIN_ROWS = 15;
/** From this width the optional panes get a column on the right. */
const SIDE_COLUMN_AT = 120;
/** Below this many body rows stacked panes would starve the shell pane: they are hidden instead. */
const STACK_MIN_BODY = 28;
/** Header, input line, hint bar. */
const FIXED_ROWS = 3;

interface Layout {
  bodyHeight: number;
  shellWidth: number;
  sideWidth: number;
  side: readonly PaneSlot[];
  top: readonly PaneSlot[];
  topHeight: number;
  hidden: number;
}

/** Shell rows kept visible when F2 shows the panels on a small terminal. */
const SHELL_ROWS_UNDER_PANELS = 4;

export function computeLayout(cols: number, rows: number, panes: readonly PaneSlot[], toggled = false): Layout {
  const bodyHeight = rows - 1 - FIXED_ROWS;
  const base: Layout = { bodyHeight, shellWidth: cols, sideWidth: 0, side: [], top: [], topHeight: 0, hidden: 0 };
  if (panes.length === 0) return base;
  const shownBySize = cols >= SIDE_COLUMN_AT || bodyHeight >= STACK_MIN_BODY;
  if (toggled && shownBySize) return base;
  if (toggled) {
    // Too small for panels beside the shell: F2 puts them above a few lines of shell output.
    return { ...base, top: panes, topHeight: Math.max(1, bodyHeight - SHELL_ROWS_UNDER_PANELS) };
  }
  if (cols >= SIDE_COLUMN_AT) {
    const sideWidth = Math.max(40, Math.min(64, Math.floor(cols * 0.38)));
    return { ...base, shellWidth: cols - sideWidth, sideWidth, side: panes };
  }
  if (bodyHeight >= STACK_MIN_BODY) {
    const wanted = Math.max(...panes.map((p) => p.preferredRows ?? 6)) + 3;
    return { ...base, top: panes, topHeight: Math.min(wanted, Math.floor(bodyHeight * 0.4)) };
  }
  return { ...base, hidden: panes.length };
}

export function App({ model, size, panes = [], color = colorFromEnv(), onExit }: AppProps) {
  const { cols, rows } = useTerminalSize(size);
  const state = useConsoleState(model);
  const { exit } = useApp();
  const paneKeys = useMemo(() => {
    const keys: PaneKeyMap = {};
    for (const p of panes) if (p.keys) keys[p.id] = p.keys;
    return keys;
  }, [panes]);
  useConsoleKeys(model, paneKeys);

  const layout = computeLayout(cols, rows, panes, state.panesToggled);
  const focusable = [...layout.side, ...layout.top].filter((p) => p.focusable).map((p) => p.id);
  const focusKey = focusable.join(',');
  useEffect(() => model.overlay.setPanes(focusable), [model, focusKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!state.quit) return;
    onExit?.(state.quit.code);
    exit();
  }, [state.quit, onExit, exit]);

  const theme = useMemo(() => ({ color }), [color]);
  if (cols < MIN_COLS || rows < MIN_ROWS) {
    return <Text>{`pane too small (${cols}x${rows})`}</Text>;
  }

  const chain = keyContexts(state, state.focus.current === 'shell' ? undefined : paneKeys[state.focus.current]?.context);
  const popupRows = state.help ? 0 : popupHeight(state.popup);
  const progressHeight = state.help ? 0 : progressRows(state.progress, state.busy);
  const paneHeight = Math.max(1, layout.bodyHeight - layout.topHeight - popupRows - progressHeight);
  const popupColumn = state.popup ? displayWidth(state.prompt) + displayWidth(state.editor.text.slice(0, state.popup.start)) : 0;
  const focused = state.focus.current;

  return (
    <ThemeProvider theme={theme}>
      <KeymapProvider keymap={model.keymap}>
        <Box flexDirection="column" width={cols} height={rows - 1} overflow="hidden">
          <Header facts={state.header} width={cols} hiddenPanes={layout.hidden} />
          <Box flexDirection="row" width={cols} height={layout.bodyHeight} overflow="hidden">
            {state.help ? (
              <HelpOverlay width={cols} height={layout.bodyHeight} scroll={state.help.scroll} />
            ) : (
              <>
                <Box flexDirection="column" width={layout.shellWidth} height={layout.bodyHeight}>
                  {layout.top.length > 0 ? (
                    <Box flexDirection="row" height={layout.topHeight}>
                      {layout.top.map((p, i) => (
                        <PaneFrame key={p.id} pane={p} focused={focused === p.id} height={layout.topHeight} width={splitWidth(layout.shellWidth, layout.top.length, i)} />
                      ))}
                    </Box>
                  ) : null}
                  <ShellPane model={model} width={layout.shellWidth} height={paneHeight} />
                  {state.popup ? <CompletionPopup popup={state.popup} maxWidth={layout.shellWidth} column={popupColumn} /> : null}
                  {progressHeight > 0 && state.progress ? <ProgressLine progress={state.progress} width={layout.shellWidth} /> : null}
                </Box>
                {layout.side.length > 0 ? (
                  <Box flexDirection="column" width={layout.sideWidth} height={layout.bodyHeight}>
                    {layout.side.map((p, i) => (
                      <PaneFrame key={p.id} pane={p} focused={focused === p.id} width={layout.sideWidth} height={splitWidth(layout.bodyHeight, layout.side.length, i)} />
                    ))}
                  </Box>
                ) : null}
              </>
            )}
          </Box>
          <InputLine state={state} width={cols} />
          <HintBar
            width={cols}
            chain={chain}
            lineEmpty={state.editor.text.length === 0}
            multiplePanes={state.focus.panes.length > 1}
            panesHidden={layout.hidden > 0}
            flash={state.flash}
            status={state.popup && !state.help ? `${state.popup.selected + 1}/${state.popup.candidates.length}` : undefined}
          />
        </Box>
      </KeymapProvider>
    </ThemeProvider>
  );
}

/** A titled, bordered pane; the focused one gets a double border (no colour needed). */
function PaneFrame({ pane, focused, width, height }: { pane: PaneSlot; focused: boolean; width: number; height: number }) {
  const inner = { width: Math.max(1, width - 2), height: Math.max(1, height - 3), focused };
  return (
    <Box borderStyle={focused ? 'double' : 'single'} flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate-end">
        {pane.title}
      </Text>
      <Box width={inner.width} height={inner.height} overflow="hidden">
        {pane.render(inner)}
      </Box>
    </Box>
  );
}

/** The i-th of n parts of `total`, the remainder going to the last part. */
function splitWidth(total: number, n: number, i: number): number {
  const part = Math.floor(total / n);
  return i === n - 1 ? total - part * (n - 1) : part;
}

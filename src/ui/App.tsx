// The console screen: header, the ensemble line or the panels (layout.ts decides which, by size
// and F2), the shell pane, completion popup, input line and key-hint bar, laid out at rows-1
// lines (Ink 6.8 repaints the whole screen on every frame once a frame is as tall as the terminal).
import { useEffect, useMemo } from 'react';
import { Box, Text, useApp } from 'ink';
import { keyContexts, type ConsoleStore } from './console/consoleStore.js';
import { useConsoleState } from './console/useConsoleState.js';
import { KeymapProvider } from './input/KeymapContext.js';
import { useConsoleKeys, type PaneKeyMap } from './input/useConsoleKeys.js';
import { displayWidth } from '../util/scrollback.js';
import { CompletionPopup, popupHeight } from './CompletionPopup.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HintBar } from './HintBar.js';
import { ProgressLine, progressRows } from './ProgressLine.js';
import { fitPrompt, InputLine, inputLineRows } from './InputLine.js';
import { ShellPane } from './ShellPane.js';
import { ThemeProvider, colorFromEnv } from './theme.js';
import { computeLayout, MIN_COLS, MIN_ROWS, type PaneSlot, type PlacedPane } from './layout.js';
import { useTerminalSize, type TerminalSize } from './useTerminalSize.js';

export type { PaneSize, PaneSlot } from './layout.js';
export { MIN_COLS, MIN_ROWS };

export interface AppProps {
  model: ConsoleStore;
  /** Terminal size override (tests); by default read from stdout and updated on resize. */
  size?: TerminalSize;
  panes?: readonly PaneSlot[];
  /** Colour on/off; defaults to honouring NO_COLOR. */
  color?: boolean;
  onExit?: (code: number) => void;
}

/** Header and hint bar; the input line adds its own rows. */
const CHROME_ROWS = 2;

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

  const inputRows = inputLineRows(state, cols, Math.max(1, Math.floor(rows / 3)));
  const layout = computeLayout(cols, rows, panes, state.layoutShift, CHROME_ROWS + inputRows);
  const placed = [...layout.stacked, ...(layout.beside?.panes ?? [])];
  const focusable = placed.filter((p) => p.pane.focusable).map((p) => p.pane.id);
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
  const focused = state.focus.current;
  const shell = layout.shell;
  const above = shell ? layout.stacked : [];
  const shellRows = shell ? Math.max(1, shell.height - popupRows - progressHeight) : 0;
  // Under the word being completed: the prompt as the input line shows it, on the row the word is on.
  const popupColumn = state.popup ? (displayWidth(fitPrompt(state.prompt, Math.floor(cols / 3))) + displayWidth(state.editor.text.slice(0, state.popup.start))) % cols : 0;
  const frame = (p: PlacedPane) => <PaneFrame key={p.pane.id} pane={p.pane} focused={focused === p.pane.id} width={p.width} height={p.height} />;

  return (
    <ThemeProvider theme={theme}>
      <KeymapProvider keymap={model.keymap}>
        <Box flexDirection="column" width={cols} height={rows - 1} overflow="hidden">
          <Header facts={state.header} width={cols} hiddenPanes={layout.hidden} />
          {layout.summaryLine ? panes.find((p) => p.summary)?.summary?.(cols) : null}
          <Box flexDirection="row" width={cols} height={layout.bodyHeight} overflow="hidden">
            {state.help ? (
              <HelpOverlay width={cols} height={layout.bodyHeight} scroll={state.help.scroll} />
            ) : !shell ? (
              <Box flexDirection="column" width={cols} height={layout.bodyHeight}>
                {layout.stacked.map(frame)}
              </Box>
            ) : (
              <>
                <Box flexDirection="column" width={shell.width} height={layout.bodyHeight}>
                  {above.map(frame)}
                  <ShellPane model={model} width={shell.width} height={shellRows} />
                  {state.popup ? <CompletionPopup popup={state.popup} maxWidth={shell.width} column={popupColumn} /> : null}
                  {progressHeight > 0 && state.progress ? <ProgressLine progress={state.progress} width={shell.width} /> : null}
                </Box>
                {layout.beside ? (
                  <Box flexDirection="column" width={layout.beside.width} height={layout.bodyHeight}>
                    {layout.beside.panes.map(frame)}
                  </Box>
                ) : null}
              </>
            )}
          </Box>
          <InputLine state={state} width={cols} rows={inputRows} />
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

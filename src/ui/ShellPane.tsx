// The shell's scrollback: only the visible window is rendered, rows pre-wrapped to the pane width.
// Scrolled up, the last row says how much newer output waits below, and new output does not move
// the view.
import { useEffect } from 'react';
import type { ConsoleStore } from './console/consoleStore.js';
import { useKeymap } from './input/KeymapContext.js';
import { ScrollbackView } from './ScrollbackView.js';

export interface ShellPaneProps {
  model: ConsoleStore;
  width: number;
  height: number;
}

export function ShellPane({ model, width, height }: ShellPaneProps) {
  const follow = useKeymap().labels('scroll.bottom', ' or ');
  useEffect(() => model.output.setViewport(width, height), [model, width, height]);
  const view = model.window(width, height);
  return <ScrollbackView view={view} width={width} height={height} followHint={` line${view.below === 1 ? '' : 's'} — ${follow} to follow`} />;
}

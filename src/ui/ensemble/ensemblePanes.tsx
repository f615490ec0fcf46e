// The ensemble panel and the event timeline as pane slots for the console layout (App.tsx), plus
// both stacked in one box for a layout too small for side panes (80x24, toggled with F2).
import { useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import { Store } from '../../util/store.js';
import type { PaneSize, PaneSlot } from '../App.js';
import type { PaneKeys } from '../input/useConsoleKeys.js';
import { EnsemblePanel } from './EnsemblePanel.js';
import { TimelinePanel, TIMELINE_DEPTH } from './TimelinePanel.js';
import { useEnsembleSnapshot } from './useEnsemble.js';

/** The timeline's scroll position (events back from the newest), outside React: pane keys arrive through PaneSlot.keys. */
export class TimelineScroll extends Store<{ back: number }> {
  constructor() {
    super({ back: 0 });
  }

  get value(): number {
    return this.getSnapshot().back;
  }

  move(delta: number, max: number): void {
    this.set({ back: Math.max(0, Math.min(max, this.value + delta)) });
  }
}

export interface EnsemblePanesOptions {
  /** Titles (default "Ensemble" and "Events"). */
  ensembleTitle?: string;
  timelineTitle?: string;
}

function ScrolledTimeline({ model, scroll, size }: { model: EnsembleModel; scroll: TimelineScroll; size: PaneSize }) {
  const { back } = useSyncExternalStore(scroll.subscribe, scroll.getSnapshot, scroll.getSnapshot);
  return <TimelinePanel model={model} width={size.width} height={size.height} scrollBack={back} />;
}

/** The timeline's rows of the keymap ('timeline' context): which way each action scrolls. */
export function timelineKeys(model: EnsembleModel, scroll: TimelineScroll, pageRows: () => number): PaneKeys {
  return {
    context: 'timeline',
    onAction: (action) => {
      const max = Math.max(0, Math.min(TIMELINE_DEPTH, model.events().length) - 1);
      const page = Math.max(1, pageRows() - 1);
      const moves: Partial<Record<string, number>> = {
        'timeline.older': 1, 'timeline.newer': -1, 'timeline.pageOlder': page, 'timeline.pageNewer': -page, 'timeline.oldest': max, 'timeline.newest': -max,
      };
      const delta = moves[action];
      if (delta === undefined) return false;
      scroll.move(delta, max);
      return true;
    },
  };
}

export function ensemblePanes(model: EnsembleModel, opts: EnsemblePanesOptions = {}): PaneSlot[] {
  const scroll = new TimelineScroll();
  let timelineRows = 6;
  const ensemble: PaneSlot = {
    id: 'ensemble',
    title: opts.ensembleTitle ?? 'Ensemble',
    // Health line + header + one row per server (+1 for a mark or a problem line).
    get preferredRows() {
      return model.getSnapshot().nodes.length + 3;
    },
    focusable: false,
    render: (size) => <EnsemblePanel model={model} width={size.width} height={size.height} />,
  };
  const timeline: PaneSlot = {
    id: 'timeline',
    title: opts.timelineTitle ?? 'Events',
    preferredRows: 6,
    focusable: true,
    render: (size) => {
      timelineRows = size.height;
      return <ScrolledTimeline model={model} scroll={scroll} size={size} />;
    },
    keys: timelineKeys(model, scroll, () => timelineRows),
  };
  return [ensemble, timeline];
}

/**
 * Both panels stacked in one box: the ensemble table on top, the newest events below. For a
 * layout with no room for side panes (80x24), shown in place of the shell pane while toggled.
 */
export function EnsembleOverlay({ model, width, height }: { model: EnsembleModel; width: number; height: number }) {
  const snapshot = useEnsembleSnapshot(model);
  const tableRows = Math.min(height - 3, snapshot.nodes.length + 3);
  const eventRows = Math.max(1, height - tableRows - 1);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <EnsemblePanel model={model} width={width} height={Math.max(2, tableRows)} />
      <Text bold>Events</Text>
      <TimelinePanel model={model} width={width} height={eventRows} scrollBack={0} />
    </Box>
  );
}

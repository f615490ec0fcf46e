// The ensemble panel and the event timeline as pane slots for the console layout (layout.ts): the
// table asks for the rows its servers need and gives the one-line summary shown in the layouts
// without it; the timeline takes the rows that are left.
import { useSyncExternalStore } from 'react';
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import { Store } from '../../util/store.js';
import type { PaneSize, PaneSlot } from '../layout.js';
import type { PaneKeys } from '../input/useConsoleKeys.js';
import { EnsembleLine } from './EnsembleLine.js';
import { EnsemblePanel, ensembleRows } from './EnsemblePanel.js';
import { TimelinePanel, TIMELINE_DEPTH } from './TimelinePanel.js';

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
    wantedRows: (width) => ensembleRows(model.getSnapshot(), width),
    focusable: false,
    render: (size) => <EnsemblePanel model={model} width={size.width} height={size.height} />,
    summary: (width) => <EnsembleLine model={model} width={width} />,
  };
  const timeline: PaneSlot = {
    id: 'timeline',
    title: opts.timelineTitle ?? 'Events',
    wantedRows: () => null,
    focusable: true,
    render: (size) => {
      timelineRows = size.height;
      return <ScrolledTimeline model={model} scroll={scroll} size={size} />;
    },
    keys: timelineKeys(model, scroll, () => timelineRows),
  };
  return [ensemble, timeline];
}

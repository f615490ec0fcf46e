// The checklist as a pane slot for the console layout (App.tsx).
import type { RunbookEngine } from '../../runbooks/engine.js';
import type { PaneSlot } from '../App.js';
import { ChecklistPanel } from './ChecklistPanel.js';

export function checklistPane(engine: RunbookEngine): PaneSlot {
  return {
    id: 'checklist',
    title: 'Checklist',
    // Banner + a few rows + the check line.
    get preferredRows() {
      const { active } = engine.getSnapshot();
      return active ? Math.min(10, active.state.steps.length + 3) : 2;
    },
    focusable: false,
    render: (size) => <ChecklistPanel engine={engine} width={size.width} height={size.height} />,
  };
}

// What the checklist engine is built from: the live model it reads and marks, the library, and
// where its transitions go (events, persistence); the composition root provides them.
import type { EnsembleSnapshot, NodeMarker } from '../ensemble/types.js';
import type { RunbookEventKind } from '../shell/appEvents.js';
import type { RunbookDef, RunState, SessionFacts } from './types.js';

/** What the engine needs of the live model (EnsembleModel satisfies it). */
export interface ModelPort {
  getSnapshot(): EnsembleSnapshot;
  subscribe(listener: () => void): () => void;
  setMarker(target: number | string, marker: NodeMarker): void;
  clearMarkers(opts: { owner?: string }): void;
  refresh(): Promise<EnsembleSnapshot>;
}

export interface RunbookEvent {
  kind: RunbookEventKind;
  runbook: string;
  text: string;
  step?: string;
  stepIndex?: number;
  target?: number | null;
  operator?: string;
}

export interface EngineOptions {
  model: ModelPort;
  library: readonly RunbookDef[];
  /** Transition events (the app bus, hence the recorder). */
  emit(event: RunbookEvent): void;
  /** Persists the run after every transition (null state: nothing active any more). */
  save(state: RunState | null): void;
  /** The zkpilot-owned write that makes zxids comparable after an election (trap 5). */
  canary?: () => Promise<void>;
  facts?: () => SessionFacts;
  operator?: string;
  now?: () => number;
}

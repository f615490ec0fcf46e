// Re-exports for the progress tests (the command-side helpers live in src/commands/ops/progress.ts).
export { attachProgressPrinter, commandProgress as commandProgressForTest } from '../../src/commands/ops/progress.js';

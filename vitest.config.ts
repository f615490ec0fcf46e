import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration tests run real ZooKeeper JVMs on a small machine: generous, not infinite.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Child processes, not worker threads: sandboxes register process 'exit'/signal handlers.
    pool: 'forks',
    // Gives each run its own sandbox root and kills whatever JVM a crashed test left there.
    globalSetup: ['test/globalSetup.ts'],
    // The TUI under test stands for an operator's terminal. Ink paints only its last frame when
    // it believes it runs in CI (is-in-ci reads CI at import), so the CI runner's CI=true must not
    // reach the workers, nor the zkpilot binaries they start in tmux. CI=false short-circuits it.
    env: { CI: 'false' },
  },
});

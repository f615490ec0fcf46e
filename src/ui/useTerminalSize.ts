// The terminal's size, re-read on every resize (tmux pairing resizes often; never cache it).
// `override` injects a size in tests: ink-testing-library's stdout has 100 columns and no rows.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  cols: number;
  rows: number;
}

export function useTerminalSize(override?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (override) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout, override]);
  return override ?? size;
}

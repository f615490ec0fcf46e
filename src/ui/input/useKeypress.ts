// Raw key input. Ink 6.8's useInput reports Backspace (0x7f) and Delete (ESC[3~) both as
// `key.delete` and drops F-keys and Shift/Ctrl+arrow modifiers, so we listen to the same input
// events useInput listens to (Ink's stdin event emitter: one event per escape sequence or per run
// of text in a read) and decode them ourselves (decodeKey.ts): a run of text may hold several
// keys (text, then Enter), and a bracketed paste spans several events.
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { InputDecoder, type KeyEvent } from './decodeKey.js';

export function useKeypress(handler: (key: KeyEvent) => void, isActive = true): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });

  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const decoder = new InputDecoder();
    const onInput = (raw: string) => {
      for (const key of decoder.push(raw)) latest.current(key);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [isActive, events]);
}

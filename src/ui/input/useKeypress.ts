// Raw key input. Ink 6.8's useInput reports Backspace (0x7f) and Delete (ESC[3~) both as
// `key.delete` and drops F-keys and Shift/Ctrl+arrow modifiers, so we listen to the same input
// events useInput listens to (Ink's stdin event emitter, one event per key or per pasted chunk)
// and decode them ourselves (decodeKey.ts).
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { decodeKey, type KeyEvent } from './decodeKey.js';

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
    const onInput = (raw: string) => latest.current(decodeKey(raw));
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [isActive, events]);
}

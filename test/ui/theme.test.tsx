import { describe, expect, it } from 'vitest';
import { colorFromEnv, sessionStateStyle, toneStyle } from '../../src/ui/theme.js';

describe('theme', () => {
  const on = { color: true };
  const off = { color: false };

  it('one named ANSI colour per meaning', () => {
    expect(toneStyle(on, 'error')).toEqual({ color: 'red' });
    expect(toneStyle(on, 'plain', 'stderr')).toEqual({ color: 'red' });
    expect(toneStyle(on, 'warn')).toEqual({ color: 'yellow' });
    expect(toneStyle(on, 'ok')).toEqual({ color: 'green' });
    expect(toneStyle(on, 'info')).toEqual({ color: 'cyan' });
    expect(toneStyle(on, 'watch')).toEqual({ color: 'magenta' });
    expect(toneStyle(on, 'dim')).toEqual({ dimColor: true });
    expect(toneStyle(on, 'plain')).toEqual({});
  });

  it('session states: green usable, yellow in between, red gone', () => {
    expect(sessionStateStyle(on, 'CONNECTED').color).toBe('green');
    expect(sessionStateStyle(on, 'CONNECTING').color).toBe('yellow');
    expect(sessionStateStyle(on, 'DISCONNECTED').color).toBe('yellow');
    for (const s of ['EXPIRED', 'AUTH_FAILED', 'CLOSED', 'NOT_CONNECTED']) expect(sessionStateStyle(on, s).color).toBe('red');
  });

  it('NO_COLOR removes colour but keeps weight', () => {
    expect(colorFromEnv({ NO_COLOR: '1' })).toBe(false);
    expect(colorFromEnv({ NO_COLOR: '' })).toBe(true);
    expect(colorFromEnv({})).toBe(true);
    expect(toneStyle(off, 'error')).toEqual({ bold: true });
    expect(toneStyle(off, 'ok')).toEqual({});
    expect(sessionStateStyle(off, 'EXPIRED')).toEqual({ bold: true });
  });
});

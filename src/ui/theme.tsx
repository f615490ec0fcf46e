// One colour per meaning, from the 16 named ANSI colours only (they survive tmux, 16-colour
// terminals and recordings). NO_COLOR (no-color.org) turns colour off; bold, dim and inverse stay,
// so meaning is still carried by weight and by the words themselves.
import { createContext, useContext, type ReactNode } from 'react';
import type { TextProps } from 'ink';
import type { Stream, Tone } from '../shell/output.js';

export interface Theme {
  color: boolean;
}

const ThemeContext = createContext<Theme>({ color: true });

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** `NO_COLOR` set to any non-empty value disables colour. */
export function colorFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env['NO_COLOR'];
}

const TONE_COLORS: Partial<Record<Tone, TextProps['color']>> = {
  error: 'red',
  warn: 'yellow',
  ok: 'green',
  info: 'cyan',
  watch: 'magenta',
};

/** Style of an output line: stderr without a tone of its own reads as an error. */
export function toneStyle(theme: Theme, tone: Tone, stream: Stream = 'stdout'): TextProps {
  const effective: Tone = tone === 'plain' && stream === 'stderr' ? 'error' : tone;
  if (effective === 'dim') return { dimColor: true };
  if (effective === 'echo') return { bold: true };
  const color = TONE_COLORS[effective];
  if (!color) return {};
  return theme.color ? { color } : effective === 'error' || effective === 'warn' ? { bold: true } : {};
}

/** Session state: green when usable, yellow while (re)connecting, red when gone. */
export function sessionStateStyle(theme: Theme, state: string): TextProps {
  const color: TextProps['color'] = state === 'CONNECTED' ? 'green' : state === 'CONNECTING' || state === 'DISCONNECTED' ? 'yellow' : 'red';
  return theme.color ? { color, bold: true } : { bold: true };
}

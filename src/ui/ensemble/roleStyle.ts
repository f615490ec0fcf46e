// One colour per role (16 named ANSI colours only, as the rest of the console): leader bold green,
// followers plain, observers cyan, non-voting yellow, not serving magenta, dead red, unknown dim.
// Without colour (NO_COLOR) weight still carries the alarm and the role word says the rest.
import type { TextProps } from 'ink';
import type { EventSeverity } from '../../ensemble/eventTypes.js';
import type { NodeRole } from '../../ensemble/types.js';
import type { Theme } from '../theme.js';

const ROLE_COLORS: Record<NodeRole, TextProps['color'] | undefined> = {
  leader: 'green',
  follower: undefined,
  observer: 'cyan',
  'non-voting': 'yellow',
  standalone: 'blue',
  'read-only': 'blue',
  'not-serving': 'magenta',
  down: 'red',
  'no-answer': 'red',
  unreachable: 'red',
  '4lw-disabled': undefined,
  unknown: undefined,
};

const BOLD_ROLES: ReadonlySet<NodeRole> = new Set(['leader', 'down', 'no-answer', 'unreachable']);
const DIM_ROLES: ReadonlySet<NodeRole> = new Set(['4lw-disabled', 'unknown']);

export function roleStyle(theme: Theme, role: NodeRole): TextProps {
  const color = ROLE_COLORS[role];
  return {
    ...(BOLD_ROLES.has(role) ? { bold: true } : {}),
    ...(DIM_ROLES.has(role) ? { dimColor: true } : {}),
    ...(theme.color && color ? { color } : {}),
    // Without colour, a non-voting follower must not read like a voter: underline it.
    ...(!theme.color && (role === 'non-voting' || role === 'not-serving') ? { underline: true } : {}),
  };
}

const SEVERITY_COLORS: Record<EventSeverity, TextProps['color'] | undefined> = { info: undefined, ok: 'green', warn: 'yellow', error: 'red' };

export function severityStyle(theme: Theme, severity: EventSeverity): TextProps {
  const color = SEVERITY_COLORS[severity];
  if (theme.color && color) return { color };
  return severity === 'error' ? { bold: true } : {};
}

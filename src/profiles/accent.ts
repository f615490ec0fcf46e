// The header's "which cluster am I on" cue, k9s-style: a production profile paints the header
// red (or its chosen accent) and carries a PROD badge, so nobody mistakes prod for staging.
import type { Profile } from './types.js';

export interface ProfileAccent {
  /** An Ink/chalk colour name or #rrggbb. */
  colour: string;
  /** Text for the header badge, e.g. `PROD prod-a`. */
  badge: string;
  production: boolean;
}

export const PRODUCTION_ACCENT = 'red';

/** null: no accent configured and not production — draw the header in its normal colours. */
export function profileColourAccent(profile: Pick<Profile, 'name' | 'production' | 'accent'>): ProfileAccent | null {
  const production = profile.production === true;
  const colour = profile.accent ?? (production ? PRODUCTION_ACCENT : undefined);
  if (colour === undefined) return null;
  return { colour, production, badge: production ? `PROD ${profile.name}` : profile.name };
}

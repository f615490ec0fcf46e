// A runbook's parameters: checked against the live ensemble before a run starts (every error at
// once, named by parameter), and written back in one line for the run's events.
import type { EnsembleSnapshot } from '../ensemble/types.js';
import type { Params, RunbookDef } from './types.js';

/** The errors of `params` for `def` (empty: fine): missing required ones, bad values, unknown names. */
export function validateParams(def: RunbookDef, params: Params, snapshot: EnsembleSnapshot): string[] {
  const errors: string[] = [];
  for (const p of def.params) {
    const value = params[p.name];
    if (value === undefined || value === '') {
      if (p.required) errors.push(`${p.name}: required (${p.description})`);
      continue;
    }
    const error = p.validate?.(value, snapshot) ?? null;
    if (error) errors.push(`${p.name}: ${error}`);
  }
  const unknown = Object.keys(params).filter((k) => !def.params.some((p) => p.name === k));
  for (const k of unknown) errors.push(`${k}: not a parameter of ${def.id}`);
  return errors;
}

/** ` (to=3.9.3, user=ops)`, or '' without parameters. */
export function describeParams(params: Params): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? '' : ` (${entries.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

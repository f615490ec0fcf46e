// Loader hooks for the module-loading test: every module file the program loads, one URL a line,
// appended to $ZKPILOT_MODULE_LOG (hooks run on their own thread; a sync append keeps order).
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  if (process.env.ZKPILOT_MODULE_LOG) appendFileSync(process.env.ZKPILOT_MODULE_LOG, `${url}\n`);
  return nextLoad(url, context);
}

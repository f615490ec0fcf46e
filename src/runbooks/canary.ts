// The zkpilot-owned write that makes zxids comparable again after an election (RUNBOOKS trap 5):
// followers report the previous epoch's zxid until the next write is committed.
import type { ZkClient } from '../zk/types.js';

export const CANARY_PATH = '/zkpilot/canary';

export async function canaryWrite(client: ZkClient): Promise<void> {
  const data = Buffer.from(String(Date.now()));
  if (await client.exists(CANARY_PATH)) {
    await client.set(CANARY_PATH, data);
    return;
  }
  if (!(await client.exists('/zkpilot'))) await client.create('/zkpilot', null).catch(() => undefined);
  await client.create(CANARY_PATH, data).catch(() => client.set(CANARY_PATH, data));
}

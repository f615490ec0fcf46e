// The ZooKeeper runbooks of RUNBOOKS.md, as data. (The Pegasus ones come with the Pegasus issue.)
import type { RunbookDef } from '../types.js';
import { z1RollingUpgrade } from './z1RollingUpgrade.js';
import { z4HotMigration } from './z4HotMigration.js';

export const ZK_RUNBOOKS: readonly RunbookDef[] = [z1RollingUpgrade, z4HotMigration];

// The ZooKeeper runbooks of RUNBOOKS.md, as data. (The Pegasus ones come with the Pegasus issue.)
import type { RunbookDef } from '../types.js';
import { z1RollingUpgrade } from './z1RollingUpgrade.js';
import { z2CapacityExpansion } from './z2CapacityExpansion.js';
import { z3StaticMigration } from './z3StaticMigration.js';
import { z4HotMigration } from './z4HotMigration.js';
import { z5SnapshotMigration } from './z5SnapshotMigration.js';

export const ZK_RUNBOOKS: readonly RunbookDef[] = [z1RollingUpgrade, z2CapacityExpansion, z3StaticMigration, z4HotMigration, z5SnapshotMigration];

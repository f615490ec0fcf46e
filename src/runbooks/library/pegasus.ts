// The Pegasus runbooks of RUNBOOKS.md (P1–P3), as data; they read the Pegasus shell's answers.
import type { RunbookDef } from '../types.js';
import { p1MetaRecovery } from './p1MetaRecovery.js';
import { p2MetaZkCopy } from './p2MetaZkCopy.js';
import { p3TableMigration } from './p3TableMigration.js';

export const PEGASUS_RUNBOOKS: readonly RunbookDef[] = [p1MetaRecovery, p2MetaZkCopy, p3TableMigration];

// zkpilot's tree tools (zk-shell's tree, find, grep and du), ready for a CommandRegistry.
import type { CommandSpec } from '../../shell/registry.js';
import { duCommand } from './du.js';
import { findCommand } from './find.js';
import { grepCommand } from './grep.js';
import { treeCommand } from './tree.js';

export function treeCommands(): CommandSpec[] {
  return [treeCommand, findCommand, grepCommand, duCommand];
}

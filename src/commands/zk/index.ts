// The zkCli 3.8 command set (plus zkpilot's `help`), ready for a CommandRegistry.
import type { CommandSpec } from '../../shell/registry.js';
import { getAclCommand, setAclCommand } from './acl.js';
import { addauthCommand, whoamiCommand } from './auth.js';
import { historyCommand, printwatchesCommand, redoCommand } from './builtins.js';
import { configCommand } from './config.js';
import { getAllChildrenNumberCommand, getEphemeralsCommand } from './counts.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { deleteallCommand } from './deleteall.js';
import { getCommand } from './get.js';
import { helpCommand, type CommandCatalog } from './help.js';
import { lsCommand } from './ls.js';
import { delquotaCommand, listquotaCommand, setquotaCommand } from './quota.js';
import { reconfigCommand } from './reconfig.js';
import { closeCommand, connectCommand, quitCommand, versionCommand } from './session.js';
import { setCommand } from './set.js';
import { statCommand } from './stat.js';
import { syncCommand } from './sync.js';
import { addWatchCommand, removewatchesCommand } from './watches.js';

export function zkCommands(catalog: CommandCatalog): CommandSpec[] {
  return [
    addWatchCommand,
    addauthCommand,
    closeCommand,
    configCommand,
    connectCommand,
    createCommand,
    deleteCommand,
    deleteallCommand,
    delquotaCommand,
    getCommand,
    getAclCommand,
    getAllChildrenNumberCommand,
    getEphemeralsCommand,
    historyCommand,
    listquotaCommand,
    lsCommand,
    printwatchesCommand,
    quitCommand,
    reconfigCommand,
    redoCommand,
    removewatchesCommand,
    setCommand,
    setAclCommand,
    setquotaCommand,
    statCommand,
    syncCommand,
    versionCommand,
    whoamiCommand,
    helpCommand(catalog),
  ];
}

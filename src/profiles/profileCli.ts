// `zkpilot profile …`: list, show, add, edit, rm, import, export, path, settings. Exit codes:
// 0 ok, 1 error (one line on stderr), 2 usage. Every change is one atomic write of the file.
import { editProfileInEditor } from './profileEditor.js';
import { applyProfilePatch, parseProfileFlags, UsageError, type ProfilePatch } from './profileFlags.js';
import { exportDocument, formatProfile, formatProfileList } from './profileFormat.js';
import { readImportFile } from './profileImport.js';
import { checkProfile, profileNameError, toStored } from './profileCheck.js';
import { ProfileStore, ProfileStoreError } from './profileStore.js';
import { configFilePath } from './configPath.js';
import { loadProfiles, type LoadedProfiles } from './loadProfiles.js';
import type { PasswordPrompt } from './profileUse.js';
import { PromptCancelled } from './ttyPrompt.js';
import type { StoredProfile } from './types.js';

export interface ProfileCliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Asks a question; `secret` hides the answer. Needed for --store-password. */
  prompt?: PasswordPrompt;
  /** stdin and stdout are a terminal (edit without flags may open $EDITOR). Default: detected. */
  interactive?: boolean;
  /** Editor command line; default $VISUAL, then $EDITOR. */
  editor?: string;
}

export const PROFILE_HELP = `zkpilot profile — cluster profiles (one name per cluster)

Usage:
  zkpilot profile list                   every profile (passwords shown as ***)
  zkpilot profile show NAME              one profile in full (passwords shown as ***)
  zkpilot profile add NAME --server host:port[,host:port…][/chroot] [options]
  zkpilot profile edit NAME [options]    change fields (no options: open $EDITOR on a terminal)
  zkpilot profile rm NAME
  zkpilot profile export NAME… | --all   JSON on stdout, never with passwords
  zkpilot profile import FILE [--replace] profiles from an export; --replace overwrites same names
  zkpilot profile path                   where the config file is
  zkpilot profile settings               effective settings, and problems in the file

Options of add and edit:
  --server CONNECT              connect string, with an optional /chroot
  --session-timeout MS          session timeout (1000..600000)
  --watch HOST:PORT[,…]         extra servers to watch (not yet in the ensemble config); repeatable
  --pegasus-shell 'CMD ARGS'    the Pegasus shell command line
  --pegasus-cwd DIR             its working directory
  --node-action ACTION='CMD'    start|stop|restart|status|config|wipe with {host} {id} {clientPort}
                                (config also {members}); empty CMD removes
  --data-dir HOST=DIR           snapshot dataDir of HOST (* for every other host); empty DIR removes
  --super-user USER             super-digest user; the password is asked when needed
  --store-password              ask the password now and store it in the config file (mode 0600)
  --forget-password             remove a stored password (edit)
  --production, --no-production red "you are in prod" header
  --accent COLOUR               header accent: red, yellow, green, blue, magenta, cyan, white, gray, #rrggbb
  --description TEXT            one line shown by list
  --unset FIELD                 (edit) session-timeout, watch, pegasus, pegasus-cwd, node-actions,
                                data-dirs, super-user, accent, description
`;

class CliFailure extends Error {}

export async function runProfileCli(argv: string[], io: ProfileCliIo): Promise<number> {
  const [sub, ...args] = argv;
  try {
    switch (sub) {
      case undefined:
        io.stderr(PROFILE_HELP);
        return 2;
      case '--help': case '-h': case 'help':
        io.stdout(PROFILE_HELP);
        return 0;
      case 'list': case 'ls':
        return list(args, io);
      case 'show':
        return show(args, io);
      case 'add':
        return await addOrEdit('add', args, io);
      case 'edit':
        return await addOrEdit('edit', args, io);
      case 'rm': case 'remove':
        return remove(args, io);
      case 'export':
        return exportProfiles(args, io);
      case 'import':
        return importProfiles(args, io);
      case 'path':
        expectArgs(args, 0, 'profile path');
        io.stdout(`${configFilePath()}\n`);
        return 0;
      case 'settings':
        return settings(args, io);
      default:
        throw new UsageError(`unknown subcommand "${sub}" (list, show, add, edit, rm, import, export, path, settings)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`zkpilot profile: ${e.message}\n`);
      return 2;
    }
    if (e instanceof CliFailure || e instanceof ProfileStoreError || e instanceof PromptCancelled) {
      io.stderr(`zkpilot profile: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function expectArgs(args: readonly string[], count: number, usage: string): void {
  if (args.length !== count) throw new UsageError(`usage: zkpilot ${usage}`);
}

function reportProblems(loaded: LoadedProfiles, io: ProfileCliIo): void {
  for (const p of loaded.problems) io.stderr(`zkpilot profile: ${p}\n`);
}

function list(args: string[], io: ProfileCliIo): number {
  expectArgs(args, 0, 'profile list');
  const loaded = loadProfiles();
  reportProblems(loaded, io);
  // An unreadable file is not "no profiles": the problem line above says what it is.
  const nothing = loaded.profiles.length === 0 && loaded.invalidProfiles.size === 0;
  if (!(nothing && loaded.problems.length > 0)) io.stdout(formatProfileList(loaded.profiles, loaded.invalidProfiles));
  return loaded.problems.length > 0 ? 1 : 0;
}

function findProfile(name: string, loaded: LoadedProfiles) {
  const profile = loaded.profiles.find((p) => p.name === name);
  if (profile) return profile;
  const invalid = loaded.invalidProfiles.get(name);
  if (invalid) throw new CliFailure(invalid);
  if (loaded.problem && loaded.invalidProfiles.size === 0 && loaded.profiles.length === 0) throw new CliFailure(loaded.problems[0]!);
  throw new CliFailure(`no profile "${name}" (zkpilot profile list shows them)`);
}

function show(args: string[], io: ProfileCliIo): number {
  expectArgs(args, 1, 'profile show NAME');
  io.stdout(formatProfile(findProfile(args[0]!, loadProfiles())));
  return 0;
}

function storeWarning(name: string, path: string): string {
  return `warning: the super-digest password of "${name}" is stored in clear text in ${path} (mode 0600); anyone who can read that file can act as super on the cluster\n`;
}

async function askPassword(name: string, user: string, io: ProfileCliIo): Promise<string> {
  if (!io.prompt) throw new CliFailure('--store-password needs a terminal (or the password on stdin) to ask for it');
  const password = await io.prompt(`Super-digest password for ${user} on ${name} (stored in the config file): `, { secret: true });
  if (password === '') throw new CliFailure('empty password; nothing was changed');
  return password;
}

async function addOrEdit(mode: 'add' | 'edit', args: string[], io: ProfileCliIo): Promise<number> {
  const [name, ...flags] = args;
  if (name === undefined || name.startsWith('-')) throw new UsageError(`usage: zkpilot profile ${mode} NAME ${mode === 'add' ? '--server CONNECT ' : ''}[options]`);
  const patch = parseProfileFlags(flags, mode);
  const nameError = profileNameError(name);
  if (nameError !== null) throw new CliFailure(nameError);
  const store = ProfileStore.open();
  const all = store.profiles();
  const existing = all[name];
  if (mode === 'add' && existing) throw new CliFailure(`profile "${name}" already exists (change it with zkpilot profile edit ${name} …)`);
  if (mode === 'edit' && !existing) throw new CliFailure(`no profile "${name}" (create it with zkpilot profile add ${name} --server …)`);
  if (mode === 'edit' && patch.flagCount === 0) return editInteractively(name, existing!, store, io);
  const next = await patchedProfile(name, existing, patch, io);
  store.saveProfiles({ ...all, [name]: next });
  io.stdout(`profile "${name}" ${mode === 'add' ? 'added' : 'updated'} (${store.path})\n`);
  return 0;
}

async function patchedProfile(name: string, existing: StoredProfile | undefined, patch: ProfilePatch, io: ProfileCliIo): Promise<StoredProfile> {
  const { profile, droppedPassword } = applyProfilePatch(existing, patch);
  const checked = checkProfile(name, profile);
  if (!checked.ok) throw new CliFailure(checked.error);
  if (patch.storePassword) {
    if (!profile.superDigest) throw new CliFailure('--store-password needs a super-digest user (--super-user USER)');
    // Asked only once everything else is valid, so a typo elsewhere does not cost a password entry.
    const password = await askPassword(name, profile.superDigest.user, io);
    profile.superDigest = { user: profile.superDigest.user, storePassword: true, password };
    io.stderr(storeWarning(name, configFilePath()));
  } else if (droppedPassword) {
    io.stderr(`note: the stored password of the previous super user of "${name}" was removed\n`);
  }
  return profile;
}

function editInteractively(name: string, existing: StoredProfile, store: ProfileStore, io: ProfileCliIo): number {
  const interactive = io.interactive ?? (process.stdin.isTTY === true && process.stdout.isTTY === true);
  const editor = io.editor ?? process.env.VISUAL ?? process.env.EDITOR;
  if (!interactive || !editor) throw new UsageError(`profile edit ${name} needs options (e.g. --server …)${interactive ? ', or $EDITOR set' : ''}; see zkpilot profile --help`);
  const result = editProfileInEditor(name, existing, editor);
  if (!result.ok) throw new CliFailure(result.error);
  if (!result.changed) {
    io.stdout(`profile "${name}" unchanged\n`);
    return 0;
  }
  store.saveProfiles({ ...store.profiles(), [name]: result.profile });
  io.stdout(`profile "${name}" updated (${store.path})\n`);
  return 0;
}

function remove(args: string[], io: ProfileCliIo): number {
  expectArgs(args, 1, 'profile rm NAME');
  const name = args[0]!;
  const store = ProfileStore.open();
  const { [name]: gone, ...rest } = store.profiles();
  if (!gone) throw new CliFailure(`no profile "${name}"`);
  store.saveProfiles(rest);
  io.stdout(`profile "${name}" removed\n`);
  return 0;
}

function exportProfiles(args: string[], io: ProfileCliIo): number {
  if (args.length === 0) throw new UsageError('usage: zkpilot profile export NAME… | --all');
  const loaded = loadProfiles();
  const all = args.length === 1 && args[0] === '--all';
  if (all) reportProblems(loaded, io);
  const profiles = all ? loaded.profiles : args.map((name) => findProfile(name, loaded));
  io.stdout(exportDocument(profiles));
  return 0;
}

function importProfiles(args: string[], io: ProfileCliIo): number {
  const replace = args.includes('--replace');
  const files = args.filter((a) => a !== '--replace');
  if (files.length !== 1 || files[0]!.startsWith('-')) throw new UsageError('usage: zkpilot profile import FILE [--replace]');
  const read = readImportFile(files[0]!);
  if (!read.ok) throw new CliFailure(`${read.error}; nothing was imported`);
  const store = ProfileStore.open();
  const all = store.profiles();
  const clash = read.profiles.find((p) => all[p.name] !== undefined);
  if (clash && !replace) throw new CliFailure(`profile "${clash.name}" already exists (use --replace to overwrite); nothing was imported`);
  const next = { ...all };
  for (const p of read.profiles) next[p.name] = toStored(p);
  store.saveProfiles(next);
  for (const p of read.profiles) if (p.superDigest?.password !== undefined) io.stderr(storeWarning(p.name, store.path));
  io.stdout(`imported ${read.profiles.length} profile(s): ${read.profiles.map((p) => p.name).join(', ')}\n`);
  return 0;
}

function settings(args: string[], io: ProfileCliIo): number {
  expectArgs(args, 0, 'profile settings');
  const loaded = loadProfiles();
  reportProblems(loaded, io);
  const { keyBindings, ...plain } = loaded.settings;
  for (const [key, value] of Object.entries(plain)) io.stdout(`${key.padEnd(18)}${value}\n`);
  const bindings = Object.entries(keyBindings);
  io.stdout(`${'keyBindings'.padEnd(18)}${bindings.length === 0 ? '(defaults)' : ''}\n`);
  for (const [action, keys] of bindings) io.stdout(`  ${action.padEnd(22)}${keys.join(', ')}\n`);
  return loaded.problems.length > 0 ? 1 : 0;
}

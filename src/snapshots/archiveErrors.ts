// The archive errors, apart from the archive code (tar, gzip, http), which loads only when a pack,
// restore or fetch runs; the commands recognise these at every start.

/** A pack that could not be written; nothing is left at the target path. */
export class PackError extends Error {}

/** A restore refused or failed; the dataDir is left as it was. */
export class RestoreError extends Error {}

/** A snapshot the AdminServer would not or could not give (`snapshot fetch`); nothing written. */
export class AdminSnapshotError extends Error {
  constructor(message: string, readonly nextAllowedAt: number | null = null) {
    super(message);
  }
}

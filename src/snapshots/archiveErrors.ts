// The archive errors, apart from the archive code (tar, gzip), which loads only when a pack or
// restore runs; the commands recognise these at every start.

/** A pack that could not be written; nothing is left at the target path. */
export class PackError extends Error {}

/** A restore refused or failed; the dataDir is left as it was. */
export class RestoreError extends Error {}

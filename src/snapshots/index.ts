// Snapshot files of a ZooKeeper dataDir: list them by zxid, pick the newest complete snapshot
// with the logs it needs (trap 7), pack them as data.tar.gz, restore one into a target dataDir.
// No UI, no shell: the `snapshot` commands and the Z5 runbook use this.
export { byZxid, listDataDir, listZxidFiles, parseZxidFileName, SnapshotDirError, versionDir, VERSION_DIR } from './zxidFiles.js';
export type { DataDirListing, ZxidFile, ZxidFileKind } from './zxidFiles.js';
export { logsAfter, NoSnapshotError, selectSnapshot, snapshotComplete } from './selection.js';
export type { IncludedFile, SnapshotSelection } from './selection.js';
export { archiveEntries, packSelection, PackError, readArchiveEntries } from './packArchive.js';
export type { ArchiveEntry, PackOptions, PackResult } from './packArchive.js';
export { restoreArchive, RestoreError } from './restoreArchive.js';
export type { RestoreOptions, RestoreResult } from './restoreArchive.js';
export { AdminSnapshotError, formatAdminAddress, humanMs, parseAdminAddress, requestSnapshot } from './adminHttp.js';
export type { AdminAddress, DigestCredential, RequestOptions, SnapshotStream } from './adminHttp.js';
export { fetchAdminSnapshot } from './adminSnapshot.js';
export type { FetchOptions, FetchResult } from './adminSnapshot.js';
export { isLocalHost } from './localHost.js';

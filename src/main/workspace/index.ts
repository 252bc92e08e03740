export { Workspace, JOBS_FOLDER, TRASH_FOLDER } from './workspace';
export type { ManifestFields } from './workspace';
export {
  writeFileAtomic, writeJsonAtomic, moveAtomic, fsyncDir, removeStaleTempFiles, tempPathFor, TEMP_MARKER,
} from './atomic';
export type { AtomicData } from './atomic';
export {
  resolveWorkspaceDir, documentsDir, resolveInside, toWorkspaceRelative, PathEscapeError, WORKSPACE_FOLDER_NAME,
} from './paths';
export { makeItemId, makeJobId, slugify, randomSuffix } from './ids';
export { readItem, referencedFiles, MANIFEST_FILE } from './manifest-read';
export { acquireWorkspaceLock } from './lock';
export { acquireFileLock } from './file-lock';
export type { HeldLock, LockOwner } from './file-lock';
export { makeRunFolder, removeDeadRunFolders } from './run-folders';

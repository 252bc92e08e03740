// Node side of capture I/O: folder-confined, sharp-backed CaptureFiles; opening captures;
// PNG writing; Blender-format capture writing.
export { createFolderCaptureFiles } from './folder-files';
export { openCaptureFolder } from './open';
export { encodePng, writePng, writeFileAtomic } from './png';
export { writeBlenderCapture, WRITE_BLENDER_DEFAULTS } from './write-blender';
export type { WriteBlenderOptions } from './write-blender';
export { extractZip, isArchiveJunk, unsafeEntryName, ZipExtractError, ZIP_LIMITS_DEFAULTS } from './zip-extract';
export type { ZipExtractResult, ZipLimits } from './zip-extract';
export {
  UPLOADS_FOLDER, UPLOAD_PATH_LIMITS_DEFAULTS, isUploadId, resolveUploadPath, unsafeUploadPath, uploadStagingDir, uploadsRoot,
} from './upload-staging';
export type { UploadPathLimits } from './upload-staging';

// Node side of capture I/O: folder-confined, sharp-backed CaptureFiles; opening captures;
// PNG writing; Blender-format capture writing.
export { createFolderCaptureFiles } from './folder-files';
export { openCaptureFolder } from './open';
export { encodePng, writePng, writeFileAtomic } from './png';
export { writeBlenderCapture, WRITE_BLENDER_DEFAULTS } from './write-blender';
export type { WriteBlenderOptions } from './write-blender';

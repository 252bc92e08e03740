export { createStudioService } from './studio-service';
export type { StudioService, StudioServiceOptions } from './studio-service';
export { importCaptureFolder, CAPTURE_ROOT, THUMBNAIL } from './import-capture';
export { appVersion, defaultResourcesDir, findUp } from './locate';

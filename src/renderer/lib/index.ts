// Pure renderer logic (no React, no DOM): formatting, gallery selection, item file paths,
// job wording, the jobs reducer and error shaping. Unit-tested in Node.
export {
  formatDate, formatDuration, formatEta, formatMetric, formatRelativeTime, metricLabel, orderedMetrics,
  progressFraction,
} from './format';
export {
  GALLERY_FILTERS, GALLERY_SORTS, filterLabel, galleryCounts, galleryItems, itemDate, itemKey, itemName, kindLabel, sortLabel,
} from './gallery-items';
export type { GalleryFilter, GallerySort } from './gallery-items';
export { columnsFromTops, gridNeighbour, isGridKey } from './grid-navigation';
export type { GridKey } from './grid-navigation';
export { cacheBust, itemFilePath, meshPath, previewPath, thumbnailPath } from './item-paths';
export { DEFAULT_FIT_METHOD, FIT_METHOD_INFO, fitMethodLabel, jobFitMethod, sceneFitMethod } from './fit-method';
export type { FitMethodInfo } from './fit-method';
export { canCancel, canResume, jobAdvice, jobStateLabel, jobTitle } from './job-text';
export { INITIAL_JOBS_STATE, isActive, jobsReducer, sortedJobs } from './jobs-reducer';
export type { JobPreview, JobsAction, JobsState } from './jobs-reducer';
export { errorIsFor, toUiError } from './ui-error';
export type { UiError } from './ui-error';

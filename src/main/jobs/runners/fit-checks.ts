// What a capture needs before a fit starts (the `fit` runner runs this, so the CLI and the
// studio's fit jobs refuse the same captures with the same message).
//
// Reconstruction triangulates every point from several posed views. With one view any depth
// explains the photo: a fit "succeeds" with a high PSNR on its own training view and a scene
// that is wrong from every other angle. Three posed training views is the least that constrains
// a volume at all (and what `poses` requires of a photo folder), so fewer are refused.
import { CaptureError } from '../../../engine/data';
import type { Capture } from '../../../engine/data';

export const MIN_FIT_VIEWS = 3;

const views = (n: number) => `${n} view${n === 1 ? '' : 's'}`;

/** Throws a CaptureError naming the folder and the counts when `capture` cannot be fitted. */
export function checkFitCapture(capture: Pick<Capture, 'views' | 'placeholderPoses'>, captureDir: string): void {
  const total = capture.views.length;
  if (capture.placeholderPoses) {
    throw new CaptureError(
      `${total} image${total === 1 ? '' : 's'} without camera poses: reconstruction needs at least ${MIN_FIT_VIEWS} views with known camera poses`
      + (total >= MIN_FIT_VIEWS ? '; estimate them first (parallax poses <photos> --out <captureDir>)' : '; take more photos from different positions around the subject'),
      captureDir, 'poses',
    );
  }
  const train = capture.views.filter((v) => v.split === 'train').length;
  if (total < MIN_FIT_VIEWS) {
    throw new CaptureError(`the capture has ${views(total)}; reconstruction needs at least ${MIN_FIT_VIEWS} posed views from different positions`, captureDir, 'frames');
  }
  if (train < MIN_FIT_VIEWS) {
    throw new CaptureError(
      `the capture has ${views(total)} but only ${views(train)} in its training split (the others are test/val views); reconstruction needs at least ${MIN_FIT_VIEWS} training views`,
      captureDir, 'frames',
    );
  }
}

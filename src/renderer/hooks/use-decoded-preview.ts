// The latest job preview image, decoded off-screen before it is shown: a live preview that is rewritten
// every step swaps to the new picture only once it has loaded, so it never flashes empty in between.
import { useEffect, useState } from 'react';
import { fileUrl } from '../api';
import { cacheBust, type JobPreview } from '../lib';

export interface DecodedPreview {
  url: string;
  width: number;
  height: number;
  step: number;
}

/** The last preview that finished decoding (null until the first has). */
export function useDecodedPreview(preview: JobPreview | null): DecodedPreview | null {
  const [shown, setShown] = useState<DecodedPreview | null>(null);
  const url = preview ? cacheBust(fileUrl(preview.path), preview.step) : null;
  const previewStep = preview?.step ?? 0;
  useEffect(() => {
    if (!url) return;
    let live = true;
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => {
      if (live && img.naturalWidth > 0) setShown({ url, width: img.naturalWidth, height: img.naturalHeight, step: previewStep });
    };
    img.src = url;
    return () => {
      live = false;
      img.onload = null;
    };
  }, [url, previewStep]);
  return shown;
}

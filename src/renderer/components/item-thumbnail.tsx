// Thumbnail with a fixed aspect ratio; a placeholder stands in when there is no image or it
// fails to load, so cards never change size.
import { useState } from 'react';
import type { ItemKind } from '../../shared';
import { fileUrl } from '../api';
import { cacheBust } from '../lib';

interface ItemThumbnailProps {
  path: string | null;
  kind: ItemKind;
  /** Changes when the file may have changed under the same name. */
  version?: string;
}

export function ItemThumbnail({ path, kind, version }: ItemThumbnailProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const src = path ? (version ? cacheBust(fileUrl(path), version) : fileUrl(path)) : null;
  return (
    <div className={`thumb thumb-${kind}`}>
      {src && src !== failedSrc ? (
        <img src={src} alt="" loading="lazy" decoding="async" draggable={false} onError={() => setFailedSrc(src)} />
      ) : (
        <span className="thumb-placeholder" aria-hidden="true" />
      )}
    </div>
  );
}


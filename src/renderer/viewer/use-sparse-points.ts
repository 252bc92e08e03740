// Fetches a scene's sparse-points PLY (COLMAP's points, kept by the fit in the scene's world) and
// parses it with three's PLYLoader into a BufferGeometry with position and colour attributes.
// Any failure just means there are no points to show: the toggle stays hidden.
import { useEffect, useState } from 'react';
import type { BufferGeometry } from 'three';
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';

export function useSparsePoints(url: string | null): BufferGeometry | null {
  const [geometry, setGeometry] = useState<BufferGeometry | null>(null);
  useEffect(() => {
    setGeometry(null);
    if (!url) return;
    const abort = new AbortController();
    let made: BufferGeometry | null = null;
    fetch(url, { signal: abort.signal })
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((bytes) => {
        if (abort.signal.aborted) return;
        made = new PLYLoader().parse(bytes);
        if ((made.getAttribute('position')?.count ?? 0) > 0) setGeometry(made);
      })
      .catch(() => { /* nothing to show */ });
    return () => { abort.abort(); made?.dispose(); };
  }, [url]);
  return geometry;
}

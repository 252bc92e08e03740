// openCaptureFolder: read any supported capture from a folder on disk.
import { readCapture } from '../../engine/data';
import type { Capture, ReadCaptureOptions } from '../../engine/data';
import { createFolderCaptureFiles } from './folder-files';

export async function openCaptureFolder(dir: string, options: Partial<ReadCaptureOptions> = {}): Promise<Capture> {
  const files = await createFolderCaptureFiles(dir, options);
  return readCapture(files, options);
}

// Input checks shared by the evaluation metrics: messages name the file, the argument and the value.
import type { RgbImage } from '../data/types';

export function checkImage(img: RgbImage, file: string, field: string): void {
  if (!img || !Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width <= 0 || img.height <= 0) {
    throw new Error(`${file}: ${field} has a bad size (${img?.width}x${img?.height})`);
  }
  if (!(img.data instanceof Float32Array) || img.data.length !== img.width * img.height * 3) {
    throw new Error(`${file}: ${field}.data must be a Float32Array of ${img.width * img.height * 3} values (got ${img.data?.length})`);
  }
}

export function checkMask(mask: Uint8Array, width: number, height: number, file: string, field: string): void {
  if (!(mask instanceof Uint8Array) || mask.length !== width * height) {
    throw new Error(`${file}: ${field} must be a Uint8Array of ${width * height} values for a ${width}x${height} image (got ${mask?.length})`);
  }
}

export function checkSameSize(a: RgbImage, b: RgbImage, file: string, fieldA: string, fieldB: string): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`${file}: ${fieldA} is ${a.width}x${a.height} but ${fieldB} is ${b.width}x${b.height}`);
  }
}

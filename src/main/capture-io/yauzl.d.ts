// The part of yauzl 3 (streaming unzip, reads the central directory, no bundled types) that
// zip-extract.ts uses. See node_modules/yauzl/README.md.
declare module 'yauzl' {
  import type { Readable } from 'node:stream';

  export interface Entry {
    versionMadeBy: number;
    generalPurposeBitFlag: number;
    compressionMethod: number;
    compressedSize: number;
    uncompressedSize: number;
    externalFileAttributes: number;
    /** A string with decodeStrings: true, the raw bytes with decodeStrings: false. */
    fileName: string | Buffer;
    fileNameRaw?: Buffer;
    extraFields: { id: number; data: Buffer }[];
    canDecodeFileData(): boolean;
    isEncrypted(): boolean;
  }

  export interface Options {
    autoClose?: boolean;
    lazyEntries?: boolean;
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
    strictFileNames?: boolean;
  }

  export interface ZipFile {
    readonly entryCount: number;
    readonly isOpen: boolean;
    eachEntry(): AsyncIterableIterator<Entry>;
    openReadStreamPromise(entry: Entry, options?: { decodeFileData?: boolean }): Promise<Readable>;
    close(): void;
    on(event: 'error', listener: (err: Error) => void): this;
  }

  export function openPromise(path: string, options?: Options): Promise<ZipFile>;
  export function getFileNameLowLevel(
    generalPurposeBitFlag: number, fileNameBuffer: Buffer, extraFields: { id: number; data: Buffer }[], strictFileNames: boolean,
  ): string;
}

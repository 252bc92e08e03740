export { crc32, crcHex } from './crc32';

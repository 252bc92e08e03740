// Content-Security-Policy strings for the studio pages, shared by the web server (HTTP
// header) and the Electron shell (header injected with session.webRequest).
//
// Allowances beyond 'self', and why:
// - script-src 'wasm-unsafe-eval': TensorFlow.js' wasm backend compiles WebAssembly (this
//   does not allow eval of JavaScript).
// - style-src 'unsafe-inline': React/three.js helpers inject <style> tags and style attributes.
// - img-src/media-src/worker-src blob: data:: three.js decodes embedded glTF textures into
//   blob: URLs; the compute page may start workers from blob: URLs.
// - connect-src data: blob:: loaders fetch data:/blob: URLs; plus the event socket origin.

export interface CspOptions {
  /** Extra origins for connect-src (e.g. `ws://127.0.0.1:4312`). */
  connectSrc: string[];
  /** Extra origins for img-src/media-src/connect-src (e.g. `parallax://workspace`). */
  mediaSrc: string[];
}

export const CSP_DEFAULTS: CspOptions = { connectSrc: [], mediaSrc: [] };

export function buildCsp(options: Partial<CspOptions> = {}): string {
  const { connectSrc, mediaSrc } = { ...CSP_DEFAULTS, ...options };
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...mediaSrc]],
    ['media-src', ["'self'", 'data:', 'blob:', ...mediaSrc]],
    ['font-src', ["'self'", 'data:']],
    ['worker-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'", 'data:', 'blob:', ...connectSrc, ...mediaSrc]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** CSP for workspace files: nothing in them may run, even if an HTML/SVG file is opened. */
export const FILES_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/** Headers every response carries. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

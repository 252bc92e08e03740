// Khronos glTF-Validator (npm `gltf-validator`, runs offline) wrapped for exports and tests.
import { createRequire } from 'node:module';

interface ValidatorMessage {
  code: string;
  message: string;
  severity: number; // 0 error, 1 warning, 2 info, 3 hint
  pointer?: string;
}

interface ValidatorReport {
  issues: { numErrors: number; numWarnings: number; numInfos: number; numHints: number; messages: ValidatorMessage[] };
}

interface GltfValidatorModule {
  version(): string;
  validateBytes(data: Uint8Array, options?: { maxIssues?: number; format?: 'glb' | 'gltf'; uri?: string }): Promise<ValidatorReport>;
}

let cached: GltfValidatorModule | null = null;
function validator(): GltfValidatorModule {
  // The package ships no type declarations; load it through require with a typed facade.
  cached ??= createRequire(import.meta.url)('gltf-validator') as GltfValidatorModule;
  return cached;
}

export interface GltfValidation {
  errors: number;
  warnings: number;
  /** "SEVERITY CODE pointer: message" for every reported issue (errors, warnings, infos, hints). */
  messages: string[];
}

const SEVERITY = ['ERROR', 'WARNING', 'INFO', 'HINT'];

/** Validate a GLB (or glTF JSON) byte buffer. Rejects only when the bytes are not glTF at all. */
export async function validateGlb(bytes: Uint8Array): Promise<GltfValidation> {
  let report: ValidatorReport;
  try {
    report = await validator().validateBytes(new Uint8Array(bytes), { maxIssues: 1000 });
  } catch (err) {
    throw new Error(`src/main/validate-gltf.ts: gltf-validator could not read the bytes (${bytes.length} bytes): ${String(err)}`,
      { cause: err });
  }
  const { issues } = report;
  return {
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    messages: issues.messages.map((m) =>
      `${SEVERITY[m.severity] ?? m.severity} ${m.code}${m.pointer ? ` ${m.pointer}` : ''}: ${m.message}`),
  };
}

export function gltfValidatorVersion(): string {
  return validator().version();
}

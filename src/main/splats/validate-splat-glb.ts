// Khronos glTF-Validator on a KHR_gaussian_splatting GLB. The newest validator on npm
// (2.0.0-dev.3.10) predates the extension: it reports every `KHR_gaussian_splatting:*` attribute
// semantic as ERROR MESH_PRIMITIVE_INVALID_ATTRIBUTE ("Invalid attribute name"), although the
// extension's spec (and splat-transform's writer) use exactly those names. Those errors, and only
// those, are counted apart as `extensionAttributes`; any other error fails the check.
import { validateGlb } from '../validate-gltf';

export interface SplatGlbValidation {
  /** Errors other than the validator not knowing the extension's attribute semantics. */
  errors: number;
  warnings: number;
  /** MESH_PRIMITIVE_INVALID_ATTRIBUTE errors on `KHR_gaussian_splatting:*` semantics. */
  extensionAttributes: number;
  messages: string[];
}

const UNKNOWN_SEMANTIC = /^ERROR MESH_PRIMITIVE_INVALID_ATTRIBUTE \/meshes\/\d+\/primitives\/\d+\/attributes\/KHR_gaussian_splatting:[A-Z0-9_]+:/;

export async function validateSplatGlb(bytes: Uint8Array): Promise<SplatGlbValidation> {
  const report = await validateGlb(bytes);
  const errors = report.messages.filter((m) => m.startsWith('ERROR'));
  const known = errors.filter((m) => UNKNOWN_SEMANTIC.test(m)).length;
  return { errors: report.errors - known, warnings: report.warnings, extensionAttributes: known, messages: report.messages };
}

// Real spherical harmonics up to degree 3 for view-dependent splat colour, in the basis and
// sign convention of the 3DGS reference (which inherits Plenoxels'): colour = SH_C0 * dc +
// sum_k Y_k(d) * rest_k + 0.5, d the unit direction from the camera centre to the Gaussian.
// Basis index k = 1..15 (k = 0 is the DC term handled by the caller). `shBasisGrad` also
// returns dY_k/dd (for the gradient of colour with respect to the Gaussian's position).

const C1 = 0.4886025119029199;
const C2 = [1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792, 0.5462742152960396];
const C3 = [-0.5900435899266435, 2.890611442640554, -0.4570457994644658, 0.3731763325901154, -0.4570457994644658, 1.445305721320277, -0.5900435899266435];

/** Fill out[1..K-1] with Y_k(x, y, z) for K = (degree + 1)^2 (out[0] is left alone). */
export function shBasis(x: number, y: number, z: number, degree: number, out: Float64Array): void {
  if (degree < 1) return;
  out[1] = -C1 * y; out[2] = C1 * z; out[3] = -C1 * x;
  if (degree < 2) return;
  const xx = x * x, yy = y * y, zz = z * z;
  out[4] = C2[0] * x * y; out[5] = C2[1] * y * z; out[6] = C2[2] * (2 * zz - xx - yy);
  out[7] = C2[3] * x * z; out[8] = C2[4] * (xx - yy);
  if (degree < 3) return;
  out[9] = C3[0] * y * (3 * xx - yy); out[10] = C3[1] * x * y * z; out[11] = C3[2] * y * (4 * zz - xx - yy);
  out[12] = C3[3] * z * (2 * zz - 3 * xx - 3 * yy); out[13] = C3[4] * x * (4 * zz - xx - yy);
  out[14] = C3[5] * z * (xx - yy); out[15] = C3[6] * x * (xx - 3 * yy);
}

/** d[3k + a] = dY_k / d(x, y, z)[a] for k = 1..K-1 (entries for k = 0 are left alone). */
export function shBasisGrad(x: number, y: number, z: number, degree: number, d: Float64Array): void {
  if (degree < 1) return;
  d.fill(0, 3, 3 * (degree + 1) * (degree + 1));
  d[3 + 1] = -C1; d[6 + 2] = C1; d[9 + 0] = -C1;
  if (degree < 2) return;
  const xx = x * x, yy = y * y, zz = z * z;
  d[12] = C2[0] * y; d[13] = C2[0] * x;
  d[16] = C2[1] * z; d[17] = C2[1] * y;
  d[18] = -2 * C2[2] * x; d[19] = -2 * C2[2] * y; d[20] = 4 * C2[2] * z;
  d[21] = C2[3] * z; d[23] = C2[3] * x;
  d[24] = 2 * C2[4] * x; d[25] = -2 * C2[4] * y;
  if (degree < 3) return;
  d[27] = 6 * C3[0] * x * y; d[28] = C3[0] * (3 * xx - 3 * yy);
  d[30] = C3[1] * y * z; d[31] = C3[1] * x * z; d[32] = C3[1] * x * y;
  d[33] = -2 * C3[2] * x * y; d[34] = C3[2] * (4 * zz - xx - 3 * yy); d[35] = 8 * C3[2] * y * z;
  d[36] = -6 * C3[3] * x * z; d[37] = -6 * C3[3] * y * z; d[38] = C3[3] * (6 * zz - 3 * xx - 3 * yy);
  d[39] = C3[4] * (4 * zz - 3 * xx - yy); d[40] = -2 * C3[4] * x * y; d[41] = 8 * C3[4] * x * z;
  d[42] = 2 * C3[5] * x * z; d[43] = -2 * C3[5] * y * z; d[44] = C3[5] * (xx - yy);
  d[45] = C3[6] * (3 * xx - 3 * yy); d[46] = -6 * C3[6] * x * y;
}

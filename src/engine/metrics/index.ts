// Image quality metrics for held-out evaluation.
export { psnr, mse } from './psnr';
export { ssim, SSIM_WINDOW, SSIM_SIGMA } from './ssim';

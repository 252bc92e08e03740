// The "done when" claims of issue 4 as checks over an EvalReport (the paper's claims at small
// scale: faithful to the context, sharp and diverse where the context cannot see).
import type { EvalReport } from './aggregate';

export interface EvalAcceptanceThresholds {
  /** DFM context re-render PSNR, dB. */
  contextPsnrMin: number;
  /** DFM sharpness ratio in unseen regions. */
  sharpnessMin: number;
  /** DFM sharpness minus the baseline's. */
  sharpnessMarginOverBaseline: number;
  /** DFM diversityUnseen / diversitySeen. */
  diversityRatioMin: number;
}

export const EVAL_ACCEPTANCE_DEFAULTS: EvalAcceptanceThresholds = {
  contextPsnrMin: 24,
  sharpnessMin: 0.7,
  sharpnessMarginOverBaseline: 0.2,
  diversityRatioMin: 2,
};

export interface EvalCheck {
  name: string;
  value: number;
  threshold: number;
  pass: boolean;
}

export function evalAcceptance(
  report: EvalReport, thresholds: Partial<EvalAcceptanceThresholds> = {},
): { pass: boolean; checks: EvalCheck[] } {
  const t = { ...EVAL_ACCEPTANCE_DEFAULTS, ...thresholds };
  const { dfm, baseline } = report;
  const check = (name: string, value: number, threshold: number): EvalCheck =>
    ({ name, value, threshold, pass: value >= threshold }); // NaN never passes
  const checks = [
    check('dfm.contextPsnr >= threshold (dB)', dfm.contextPsnr, t.contextPsnrMin),
    check('dfm.sharpnessUnseen >= threshold', dfm.sharpnessUnseen, t.sharpnessMin),
    check('dfm.sharpnessUnseen - baseline.sharpnessUnseen >= threshold', dfm.sharpnessUnseen - baseline.sharpnessUnseen, t.sharpnessMarginOverBaseline),
    check('dfm.diversityUnseen / dfm.diversitySeen >= threshold', dfm.diversityUnseen / dfm.diversitySeen, t.diversityRatioMin),
  ];
  return { pass: checks.every((c) => c.pass), checks };
}

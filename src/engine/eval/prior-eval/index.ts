// eval-prior (issue 17): compare the prior's own samples with DDRep, SDS and SJC samples of a representation
// on held-out conditions (plan.ts), one task at a time (sample.ts), by KID, diversity and sharpness
// (metrics.ts), into one report (report.ts). Pure: the host loads models and renders, and runs tasks in workers.
export {
  PRIOR_EVAL_METHODS, PRIOR_EVAL_PLAN_DEFAULTS, PRIOR_CHUNK, PAIRED_REPS, checkPlan, defaultPriorEvalMethods, conditionCount, groupOf, planTasks, shardTasks,
} from './plan';
export type { PriorEvalMethod, PriorEvalPlanOptions, PriorEvalTask } from './plan';
export {
  PRIOR_EVAL_REPS, pairedConfig, panoramaCondition, panoramaOffset, runPriorEvalTask, sampleCondition,
} from './sample';
export type { PriorEvalMethodConfigs, PriorEvalRep, PriorEvalSampleRecord, PriorEvalTaskContext } from './sample';
export { azimuthError, groupedDiversity, pairedPsnr, setMetrics, toUnitRange } from './metrics';
export type { ReferenceSet, SampleSet, SetMetrics } from './metrics';
export { formatPriorEvalTable, recordFigures, targetChecks } from './report';
export type { MethodReport, PriorEvalReport, TargetCheck } from './report';

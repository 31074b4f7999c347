/** Library API: the CLI itself is built on these. */
export { runCorpus, type RunOptions, type RunSummary } from './pipeline/runCorpus.js';
export { loadPipeline, runDocument } from './pipeline/run.js';
export { processPaths, documentFromItem } from './pipeline/process.js';
export { toPrediction } from './output/prediction.js';
export { score, formatScore } from './eval/score.js';
export * from './model/index.js';
export type * from './model/results.js';

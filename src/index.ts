/** Library API: the CLI itself is built on these. */
export { runCorpus, type RunOptions, type RunSummary } from './run/runCorpus.js';
export { loadPipeline, runDocument } from './pipeline/run.js';
export { documentFromItem } from './run/process.js';
export { extractDocuments } from './run/extract.js';
export { toPrediction } from './output/prediction.js';
export { score, formatScore } from './eval/score.js';
export * from './model/index.js';
export type * from './model/results.js';

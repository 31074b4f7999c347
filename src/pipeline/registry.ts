import { mainTextStage } from '../ingest/mainText.js';
import { detectDamageStage } from '../normalize/detectDamage.js';
import { normalizeStage } from '../normalize/normalize.js';
import { refineStage } from '../segment/labels.js';
import { segmentStage } from '../segment/segment.js';
import { extractStages } from '../extract/stages.js';
import type { Stage } from '../model/stage.js';

/** Every stage the runner knows, by id. */
export const STAGES: ReadonlyMap<string, Stage> = new Map(
  [mainTextStage, normalizeStage, detectDamageStage, segmentStage, ...extractStages, refineStage].map((s) => [s.id, s]),
);

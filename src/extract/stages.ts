import { dropAddressesStage } from './addresses.js';
import { mechanismsStage } from './mechanisms/index.js';
import { metricsStage } from './metrics.js';
import { orgsStage } from './orgs.js';
import { peopleStage } from './people.js';
import { sentencesStage } from './sentences.js';
import { orgStructuresStage } from './structures.js';

export const extractStages = [sentencesStage, orgsStage, mechanismsStage, metricsStage, peopleStage, orgStructuresStage, dropAddressesStage];

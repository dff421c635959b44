/**
 * The gradient boosting pipeline whose prediction speed figures 4a and 4b time: the CLI run's
 * model.json when `alm train` chose gradient boosting, else a pipeline around the last fit of 1c.
 */
import { parseModel } from '../../shared/automl/pipeline/modelArtifact.js';
import type { Pipeline } from '../../shared/automl/pipeline/pipeline.js';
import type { GbmFit } from '../figures/gbmFitTime.js';
import type { AlmTrainRun } from './almTrainRun.js';
import { progress } from './context.js';
import { readText, type MainDataset } from './mainDataset.js';

export interface ServingModel {
  /** The dataset whose test rows are predicted. */
  readonly main: MainDataset;
  readonly pipeline: Pipeline;
  /** Where it comes from, for the figure labels. */
  readonly source: string;
}

function choose(main: MainDataset, cli: AlmTrainRun | undefined, fit: GbmFit | undefined): ServingModel {
  if (cli) {
    const pipeline = parseModel(readText(cli.modelPath));
    if (pipeline.candidate === 'gradient_boosting') return { main, pipeline, source: "alm train's model.json" };
    progress(`alm train chose ${pipeline.candidate}: timing the gradient_boosting model of 1c instead`);
  }
  if (!fit) throw new Error('no gradient boosting model: the CLI run and the fits of 1c failed');
  const { target, features } = main.schema;
  const pipeline: Pipeline = {
    target,
    features,
    preprocessor: fit.prepared.preprocessor,
    candidate: 'gradient_boosting',
    params: fit.model.params,
    model: fit.model.toJSON(),
  };
  return { main, pipeline, source: 'the fit of 1c' };
}

/** Throws when there is neither. */
export function servingModel(main: MainDataset, cli: AlmTrainRun | undefined, fit: GbmFit | undefined): ServingModel {
  const serving = choose(main, cli, fit);
  progress(`prediction speed of ${serving.source}`);
  return serving;
}

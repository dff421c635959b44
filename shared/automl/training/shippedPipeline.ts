import { WEIGHTED_ENSEMBLE } from '../ensemble/modelName.js';
import type { WeightedEnsembleJson } from '../ensemble/weightedEnsemble.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Preprocessor } from '../preprocess/preprocessor.js';
import type { EvaluatedCandidate } from './evaluateCandidate.js';
import { refitOnAllRows, type RefitData } from './refitOnAllRows.js';
import type { ShippedModel } from './reports.js';
import type { EnsembleCandidate } from './selectEnsemble.js';

/** What the run chose: one candidate, or the weighted ensemble of several. */
export type ChosenModel = { readonly single: EvaluatedCandidate } | { readonly ensemble: EnsembleCandidate };

/** The pipeline parts every choice shares: target, features, the threshold. */
export type PipelineBase = Pick<Pipeline, 'target' | 'features' | 'threshold'>;

/** The members of a choice with their weights (a single candidate: itself, weight 1). */
function membersOf(chosen: ChosenModel): { evaluated: EvaluatedCandidate; weight: number }[] {
  return 'single' in chosen ? [{ evaluated: chosen.single, weight: 1 }] : [...chosen.ensemble.members];
}

function assemble(chosen: ChosenModel, base: PipelineBase, preprocessor: Preprocessor, fits: { params: Record<string, unknown>; model: Record<string, unknown> }[]): Pipeline {
  const members = membersOf(chosen);
  if ('single' in chosen) return { ...base, preprocessor, candidate: chosen.single.candidate.name, params: fits[0].params, model: fits[0].model };
  const model: WeightedEnsembleJson = {
    members: members.map((m, i) => ({ candidate: m.evaluated.candidate.name, params: fits[i].params, weight: m.weight, model: fits[i].model })),
  };
  return { ...base, preprocessor, candidate: WEIGHTED_ENSEMBLE, params: chosen.ensemble.entry.params, model };
}

/** The pipeline of the models fitted on the train split: the one the test figures describe. */
export function evaluatedPipeline(chosen: ChosenModel, base: PipelineBase, preprocessor: Preprocessor): Pipeline {
  return assemble(chosen, base, preprocessor, membersOf(chosen).map((m) => ({ params: m.evaluated.params, model: m.evaluated.model.toJSON() })));
}

/**
 * The shipped pipeline: with `refit`, every member refitted on all labeled rows (refitOnAllRows.ts);
 * without, the evaluated pipeline itself. `shippedModel` says which, for `metrics.json`.
 */
export function shippedPipeline(chosen: ChosenModel, refit: boolean, data: RefitData, evaluated: Pipeline, trainRows: number): { pipeline: Pipeline; shippedModel: ShippedModel } {
  if (!refit) {
    return { pipeline: evaluated, shippedModel: { fit_on: 'train_split', rows: trainRows, test_figures_describe: 'train_split_model', params: evaluated.params } };
  }
  const { preprocessor, fits } = refitOnAllRows(membersOf(chosen).map((m) => m.evaluated), data);
  const pipeline = assemble(chosen, { target: evaluated.target, features: evaluated.features, ...(evaluated.threshold === undefined ? {} : { threshold: evaluated.threshold }) }, preprocessor, fits);
  return { pipeline, shippedModel: { fit_on: 'all_labeled_rows', rows: data.y.length, test_figures_describe: 'train_split_model', params: pipeline.params } };
}

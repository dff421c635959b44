import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { trainingProgressLine, trainingProgressOf } from '../shared/edge/trainingProgressLog.js';
import { describeTrainingEvent } from '../shared/automl/training/describeTrainingEvent.js';
import { trainModel } from '../shared/automl/training/trainModel.js';
import type { TrainingEvent } from '../shared/automl/training/trainingEvents.js';
import { syntheticBinaryCsv } from './support/datasets.js';
import { testTrainingEnvironment } from './support/manualClock.js';

describe('describeTrainingEvent: the progress a person reads', () => {
  it('describes a whole run, candidate by candidate, naming the parameter set when there are several', () => {
    const events: TrainingEvent[] = [];
    trainModel(parseCsv(syntheticBinaryCsv(300)), { candidates: ['linear', 'gradient_boosting'], cv_folds: 2 }, testTrainingEnvironment((e) => events.push(e)));
    const lines = events.flatMap(describeTrainingEvent);
    expect(lines[0]).toBe("target 'label' (chosen by name), task binary; 3 features; 240 train / 60 test rows; 2 validation fold(s)");
    expect(lines.filter((l) => l.startsWith('dropped')).map((l) => l.split(' (')[0])).toEqual(["dropped 'id': id_like", "dropped 'constant': constant"]);
    const shapes = lines.slice(1).filter((l) => !l.startsWith('dropped')).map((l) => l.replace(/-?\d+(\.\d+)?/g, 'N'));
    expect(shapes).toEqual([
      'linear: training',
      'linear: fold N N',
      'linear: fold N N',
      'linear: cv N ± N, test N, fit N s',
      'gradient_boosting: training',
      'gradient_boosting: params N/N, fold N N',
      'gradient_boosting: params N/N, fold N N',
      'gradient_boosting: params N/N, fold N N',
      'gradient_boosting: params N/N, fold N N',
      'gradient_boosting: cv N ± N, test N, fit N s',
      'weighted_ensemble: cv N ± N, test N, fit N s',
      'shipped: refitted on all N labeled rows (test figures are the train-split model\'s)',
    ]);
  });

  it('says why a candidate was skipped', () => {
    expect(describeTrainingEvent({ type: 'candidate_skipped', candidate: 'linear', reason: 'does not support regression' })).toEqual([
      'linear: skipped, does not support regression',
    ]);
  });

  it('travels through the log as one line that npm start reads back, prefix or not', () => {
    const line = trainingProgressLine("linear: cv 0.83 ± 0.01, with a \"quote\"");
    expect(line.endsWith('\n')).toBe(true);
    expect(trainingProgressOf(line.trimEnd())).toBe('linear: cv 0.83 ± 0.01, with a "quote"');
    expect(trainingProgressOf(`(λ: train) ${line.trimEnd()}`)).toBe('linear: cv 0.83 ± 0.01, with a "quote"');
    expect(trainingProgressOf('GET /health (λ: predict)')).toBeUndefined();
    expect(trainingProgressOf('{"level":"info","training":3}')).toBeUndefined();
  });
});

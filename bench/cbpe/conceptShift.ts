/**
 * Figure 2: a concept shift, which CBPE by construction does not see (NannyML documents the same
 * limit: it assumes P(y | x) is the reference's). 10 windows of 2,000 held-out rows drawn
 * uniformly (the inputs as in the reference), with the labels changed: diabetes = 1 whenever
 * bmi > 32 (bench:heal's `--relabel 'bmi>32'`). The estimates stay where they were while the
 * realized metrics fall below the band; only labels (the live quality check) can see it.
 */
import { createRandom, range } from '../../shared/automl/util/random.js';
import { atMost, fmtScore, type Figure } from '../report.js';
import { FailureLog, progress } from '../support/context.js';
import { fmtCount } from '../drift/rows.js';
import { resample } from '../drift/windows.js';
import { evaluateWindow, heldOutFeature, meanOf, pick, type CbpeFigureRows, type CbpeSetup, type WindowOutcome } from './windows.js';

const WINDOWS = 10;
const WINDOW_ROWS = 2_000;
const BMI = 32;

function run(setup: CbpeSetup, seed: number): WindowOutcome[] {
  const random = createRandom(seed);
  const bmi = heldOutFeature(setup.data, 'bmi');
  const relabeled = setup.labels.map((y, i) => (bmi[i] > BMI ? 1 : y));
  const positions = range(setup.scores.length);
  return Array.from({ length: WINDOWS }, () => {
    const rows = resample(positions, WINDOW_ROWS, random);
    return evaluateWindow(setup.calibration, pick(setup.scores, rows), pick(relabeled, rows));
  });
}

export function conceptShift(setup: CbpeSetup | undefined, seed: number): CbpeFigureRows {
  const log = new FailureLog();
  progress(`2 concept shift: ${WINDOWS} windows, diabetes = 1 when bmi > ${BMI}`);
  const outcomes = setup ? log.attempt('concept shift', () => run(setup, seed)) : undefined;
  const mean = (f: (o: WindowOutcome) => number) => (outcomes ? meanOf(outcomes.map(f)) : undefined);
  const belowBand = outcomes?.filter((o) => {
    const { roc_auc: auc, f1 } = o.estimate.metrics;
    return (auc.lower !== null && o.realized.roc_auc < auc.lower) || (f1.lower !== null && o.realized.f1 < f1.lower);
  }).length;
  const label = `2  concept shift (diabetes=1 when bmi > ${BMI}), ${WINDOWS} windows`;
  const rows: Figure[] = [
    { label: `${label}: estimated ROC AUC`, ours: mean((o) => o.estimate.metrics.roc_auc.estimated ?? Number.NaN), peer: null, format: fmtScore },
    { label: `${label}: realized ROC AUC`, ours: mean((o) => o.realized.roc_auc), peer: null, format: fmtScore },
    { label: `${label}: estimated F1`, ours: mean((o) => o.estimate.metrics.f1.estimated ?? Number.NaN), peer: null, format: fmtScore },
    { label: `${label}: realized F1`, ours: mean((o) => o.realized.f1), peer: null, format: fmtScore },
    { label: `${label}: realized ROC AUC or F1 below the band`, ours: belowBand, peer: null, format: fmtCount },
    { label: `${label}: flagged by CBPE (not seen, as NannyML)`, ours: outcomes && outcomes.filter((o) => o.estimate.metrics.roc_auc.drop || o.estimate.metrics.f1.drop).length, peer: null, format: fmtCount, target: atMost(0, '0 (limit)') },
  ];
  const band = outcomes?.[0]?.estimate.metrics;
  const notes = band
    ? [`2  band of a 2,000-row window: ROC AUC [${band.roc_auc.lower?.toFixed(4)}, ${band.roc_auc.upper?.toFixed(4)}] around ${band.roc_auc.realized_reference_mean?.toFixed(4)}, F1 [${band.f1.lower?.toFixed(4)}, ${band.f1.upper?.toFixed(4)}] around ${band.f1.realized_reference_mean?.toFixed(4)}`]
    : [];
  return { rows, failures: log.failures, notes };
}

import { existsSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { frameFromTable, type FrameColumn } from '../../shared/automl/data/frame.js';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import type { Table } from '../../shared/automl/data/table.js';
import { AutomlError, InvalidDatasetError, ModelArtifactError } from '../../shared/automl/errors.js';
import { parseModel } from '../../shared/automl/pipeline/modelArtifact.js';
import { createPredictor, type Predictor } from '../../shared/automl/pipeline/predictor.js';
import { DatasetSchemaSchema, type FeatureSpec } from '../../shared/automl/schema/datasetSchema.js';
import { CalibrationSchema } from '../../shared/automl/calibration/calibrationSchema.js';
import { DriftReferenceSchema } from '../../shared/automl/statistics/driftReference.js';
import { fitMultivariateReference } from '../../shared/automl/statistics/multivariate/fitMultivariateReference.js';
import { TrainingInfoSchema } from '../../shared/automl/training/reports.js';
import { decideOnDrift } from '../../shared/decision/driftDecision.js';
import { datasetDrift } from '../../shared/drift/check/datasetDrift.js';
import { driftSummary, type DriftSummary } from '../../shared/drift/check/driftSummary.js';
import { columnsByName, referenceFromFrame, tableColumnSpecs } from '../../shared/drift/check/referenceFromFrame.js';
import { StattestNameSchema } from '../../shared/drift/check/stattests.js';
import type { ColumnDrift, DriftResult } from '../../shared/drift/driftResult.js';
import { DriftReferenceError } from '../../shared/drift/errors.js';
import { driftVerdict } from '../../shared/drift/report/columnTable.js';
import { formatNumber } from '../../shared/drift/report/formatValue.js';
import { renderDriftReport } from '../../shared/drift/report/renderDriftReport.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { parseJson } from '../../shared/util/parseJson.js';
import { formatTable } from '../formatTable.js';
import { parseCommand } from '../options.js';
import { readTextFile } from '../readTextFile.js';

export const DRIFT_USAGE = 'alm drift <reference.csv> <current.csv> [--json] [--html out.html] [--model <dir>] [--stattest name] [--threshold x]';

/**
 * `alm drift`: the drift of every reference column (with --model: of the model's features, plus
 * prediction drift against `drift_reference.json`, multivariate drift fitted on the reference
 * CSV, for a binary model the performance estimated without labels from its `calibration.json`,
 * and the decision engine's verdict), as a table or one JSON object, and optionally an HTML
 * report. Exit 0 whether or not anything drifted.
 */
export function driftCommand(args: string[]): void {
  const flags = { json: { type: 'boolean' }, html: { type: 'string' }, model: { type: 'string' }, stattest: { type: 'string' }, threshold: { type: 'string' } } as const;
  const { positionals, values } = parseCommand(args, flags);
  if (positionals.length !== 2) throw new UsageError(`expected a reference and a current CSV file: ${DRIFT_USAGE}`);
  const [referencePath, currentPath] = positionals;
  const options = { stattest: stattestOption(values.stattest as string | undefined), threshold: thresholdOption(values.threshold as string | undefined) };
  const [referenceTable, currentTable] = [referencePath, currentPath].map((path) => inFile(path, () => parseCsv(readTextFile(path))));
  const model = typeof values.model === 'string' ? loadModel(values.model) : undefined;
  const features = model?.features ?? tableColumnSpecs(referenceTable);
  const [referenceFrame, currentFrame] = [referenceTable, currentTable].map((table, i) => {
    const path = positionals[i];
    const missing = features.find((feature) => !table.columns.includes(feature.name));
    if (missing) throw new InvalidDatasetError(`${path} has no column '${missing.name}' (${model ? 'a feature of the model' : 'a column of the reference'})`);
    return inFile(path, () => frameFromTable(table, features));
  });
  const result = datasetDrift(
    {
      reference: {
        columns: referenceFromFrame(referenceFrame, features),
        prediction: model?.reference.prediction,
        // With a model: multivariate drift fitted on the reference CSV's features, and CBPE from its calibration.
        multivariate: model && referenceFrame.nRows >= 2 ? fitMultivariateReference(referenceFrame, { features, seed: 0 }) : undefined,
        calibration: model?.calibration,
      },
      current: { columns: columnsByName(currentFrame, features), prediction: model && predictionColumn(model.predictor, currentTable) },
    },
    options,
  );
  const now = new Date().toISOString();
  const decision = model && decideOnDrift(result, { importances: model.reference.importances, now, lastRetrainAt: null, previousConsecutive: 0 });
  const summary = driftSummary(result, decision);

  process.stdout.write(`${values.json ? JSON.stringify(summary) : textReport(result, summary.decision)}\n`);
  if (typeof values.html === 'string') {
    const report = { result, title: `Drift: ${basename(currentPath)}`, model_version: model?.version ?? 'none', window: null, generated_at: now };
    writeFile(values.html, renderDriftReport({ ...report, decision: summary.decision, reference_rows: referenceTable.nRows, current_rows: currentTable.nRows }));
    process.stderr.write(`drift report written to ${values.html}\n`);
  }
}

/** The table (column, type, test, statistic, p-value, threshold, drift), the summary line, the prediction drift and the decision. */
function textReport(result: DriftResult, decision: DriftSummary['decision']): string {
  const rows = Object.entries(result.columns).map(([name, c]) => [name, c.type, c.stattest, ...figures(c), verdict(c)]);
  const lines = [formatTable(['column', 'type', 'test', 'statistic', 'p-value', 'threshold', 'drift'], rows)];
  const counts = `${result.number_of_drifted_columns} of ${result.number_of_columns} columns, share ${formatNumber(result.drift_share)}`;
  lines.push(`dataset drift: ${result.dataset_drift ? 'yes' : 'no'} (${counts})`);
  const p = result.prediction_drift;
  const [statistic, pValue, threshold] = p ? figures(p) : [];
  if (p) lines.push(`prediction drift: ${verdict(p)} (${p.type}, ${p.stattest}: statistic ${statistic}, p-value ${pValue}, threshold ${threshold})`);
  const multivariate = result.multivariate_drift;
  if (multivariate) {
    const band = `(${formatNumber(multivariate.threshold.lower)}, ${formatNumber(multivariate.threshold.upper)})`;
    lines.push(`multivariate drift: ${multivariate.drift ? 'yes' : 'no'} (reconstruction error ${formatNumber(multivariate.reconstruction_error)}, band ${band})`);
  }
  const estimated = result.estimated_performance;
  if (estimated) {
    const metrics = Object.entries(estimated.metrics).map(([name, m]) => `${name} ${formatNumber(m.estimated)}${m.drop ? ' (below its band)' : ''}`);
    lines.push(`estimated performance (CBPE, no labels): ${metrics.join(', ')}`);
  }
  if (decision) lines.push(`decision: ${decision.action}`, ...decision.reasons.map((reason) => `  - ${reason}`));
  return lines.join('\n');
}

function figures(c: ColumnDrift): string[] {
  return [formatNumber(c.statistic), formatNumber(c.p_value), formatNumber(c.threshold)];
}

function verdict(c: ColumnDrift): string {
  return c.drift && c.missing_share.drift ? 'drift (missing share)' : driftVerdict(c);
}

function stattestOption(text: string | undefined) {
  const parsed = StattestNameSchema.optional().safeParse(text);
  if (!parsed.success) throw new UsageError(`--stattest must be one of ${StattestNameSchema.options.join(', ')}; got '${text}'`);
  return parsed.data;
}

function thresholdOption(text: string | undefined): number | undefined {
  const value = text === undefined ? undefined : text.trim() === '' ? Number.NaN : Number(text);
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new UsageError(`--threshold must be a finite number ≥ 0; got '${text}'`);
  return value;
}

/** Runs `read`, naming `path` in a data error. */
function inFile<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    throw cause instanceof AutomlError ? new InvalidDatasetError(`${path}: ${cause.message}`, { cause }) : cause;
  }
}

/** A model directory: its features (schema.json), predictor (model.json) and drift reference (drift_reference.json). */
function loadModel(dir: string) {
  const file = (name: string) => join(dir, name);
  const predictor = createPredictor(parseModel(readTextFile(file('model.json'))));
  const schema = parseJson(readTextFile(file('schema.json')), DatasetSchemaSchema, (why, cause) => new ModelArtifactError(`${file('schema.json')} ${why}`, { cause }));
  const reference = parseJson(readTextFile(file('drift_reference.json')), DriftReferenceSchema, (why, cause) => new DriftReferenceError(`${file('drift_reference.json')} ${why}`, { cause }));
  const calibrationFile = file('calibration.json');
  const calibration = existsSync(calibrationFile)
    ? parseJson(readTextFile(calibrationFile), CalibrationSchema, (why, cause) => new ModelArtifactError(`${calibrationFile} ${why}`, { cause }))
    : undefined; // non-binary models, and models trained before calibration.json
  return { predictor, features: schema.features as FeatureSpec[], reference, calibration, version: modelVersion(dir) };
}

/** The model's name in the report: its directory, and when it was trained (training_info.json, when readable). */
function modelVersion(dir: string): string {
  const name = basename(resolve(dir));
  try {
    return `${name} (trained ${TrainingInfoSchema.parse(JSON.parse(readTextFile(join(dir, 'training_info.json')))).started_at})`;
  } catch {
    return name;
  }
}

/** The model's output on the current rows: positive-class probability (binary), value (regression), predicted class (multiclass). */
function predictionColumn(predictor: Predictor, table: Table): FrameColumn {
  const predictions = predictor.predictTable(table);
  if (predictor.pipeline.target.task === 'multiclass') return { kind: 'categorical', values: predictor.labels(predictions) };
  return { kind: 'numeric', values: predictions.values };
}

function writeFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (cause) {
    throw new UsageError(`cannot write '${path}': ${(cause as NodeJS.ErrnoException).code ?? 'unwritable'}`, { cause });
  }
}

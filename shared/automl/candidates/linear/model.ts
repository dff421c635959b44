import { z } from 'zod';
import { ModelArtifactError } from '../../errors.js';
import type { DenseMatrix } from '../../matrix.js';
import type { FittedModel } from '../candidate.js';
import { LinearParamsSchema } from './params.js';
import type { LinearParams } from './params.js';
import { checkDenseMatrix } from './validate.js';

const Count = z.number().int().nonnegative();

/**
 * The JSON of a fitted linear model. Regression and binary: `coef` (nFeatures numbers) and one
 * `intercept`; multiclass: `coef` as nClasses rows of nFeatures numbers and one intercept per
 * class. `kind` repeats `params.kind`; least squares kinds go with regression, logistic with the
 * classification tasks.
 */
export const LinearModelJsonSchema = z
  .discriminatedUnion('task', [
    z.strictObject({
      task: z.literal('regression'),
      kind: z.enum(['ols', 'ridge']),
      params: LinearParamsSchema,
      nFeatures: Count,
      coef: z.array(z.number()),
      intercept: z.number(),
    }),
    z.strictObject({
      task: z.literal('binary'),
      kind: z.literal('logistic'),
      params: LinearParamsSchema,
      nFeatures: Count,
      coef: z.array(z.number()),
      intercept: z.number(),
    }),
    z.strictObject({
      task: z.literal('multiclass'),
      kind: z.literal('logistic'),
      params: LinearParamsSchema,
      nFeatures: Count,
      nClasses: z.number().int().min(2),
      coef: z.array(z.array(z.number())),
      intercept: z.array(z.number()),
    }),
  ])
  .superRefine((json, ctx) => {
    if (json.params.kind !== json.kind) {
      ctx.addIssue({ code: 'custom', path: ['params', 'kind'], message: `params.kind must be ${json.kind}` });
    }
    if (json.task === 'multiclass') {
      if (json.coef.length !== json.nClasses || json.intercept.length !== json.nClasses) {
        const message = `expected ${json.nClasses} classes of coefficients and intercepts`;
        ctx.addIssue({ code: 'custom', path: ['coef'], message });
      }
      json.coef.forEach((row, a) => {
        if (row.length !== json.nFeatures) {
          ctx.addIssue({ code: 'custom', path: ['coef', a], message: `expected ${json.nFeatures} coefficients` });
        }
      });
    } else if (json.coef.length !== json.nFeatures) {
      ctx.addIssue({ code: 'custom', path: ['coef'], message: `expected ${json.nFeatures} coefficients` });
    }
  });
export type LinearModelJson = z.infer<typeof LinearModelJsonSchema>;

/** The logistic function 1 / (1 + e^{−z}), computed without overflow. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * A fitted linear model: z = Xw + b per output. `predict` gives z for regression, σ(z) (the
 * positive-class probability) for binary, softmax(z) row-major (rows × k) for multiclass.
 * `coef` is k × nFeatures row-major for multiclass (k = 1 otherwise), `intercept` has k entries.
 */
export class LinearModel implements FittedModel<'dense'> {
  readonly outputs: number;

  constructor(
    readonly task: 'regression' | 'binary' | 'multiclass',
    readonly params: LinearParams,
    readonly nFeatures: number,
    readonly coef: Float64Array,
    readonly intercept: Float64Array,
  ) {
    this.outputs = intercept.length;
    if (coef.length !== this.outputs * nFeatures) {
      throw new ModelArtifactError(
        `linear model has ${coef.length} coefficients, expected ${this.outputs}×${nFeatures}`,
      );
    }
  }

  predict(X: DenseMatrix): Float64Array {
    checkDenseMatrix(X, this.nFeatures);
    const n = X.rows;
    const p = this.nFeatures;
    const k = this.outputs;
    const data = X.data;
    const coef = this.coef;
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const row = i * p;
      for (let a = 0; a < k; a++) {
        const base = a * p;
        let z = this.intercept[a];
        for (let j = 0; j < p; j++) z += coef[base + j] * data[row + j];
        out[i * k + a] = z;
      }
    }
    if (this.task === 'binary') {
      for (let i = 0; i < n; i++) out[i] = sigmoid(out[i]);
    } else if (this.task === 'multiclass') {
      for (let i = 0; i < n; i++) {
        const off = i * k;
        let zMax = -Infinity;
        for (let a = 0; a < k; a++) zMax = Math.max(zMax, out[off + a]);
        let sum = 0;
        for (let a = 0; a < k; a++) {
          const e = Math.exp(out[off + a] - zMax);
          out[off + a] = e;
          sum += e;
        }
        for (let a = 0; a < k; a++) out[off + a] /= sum;
      }
    }
    return out;
  }

  toJSON(): LinearModelJson {
    const coef = Array.from(this.coef);
    const params = { ...this.params };
    if (this.task === 'multiclass') {
      if (params.kind !== 'logistic') throw new ModelArtifactError('multiclass linear model must be logistic');
      const rows = [];
      for (let a = 0; a < this.outputs; a++) rows.push(coef.slice(a * this.nFeatures, (a + 1) * this.nFeatures));
      return {
        task: 'multiclass',
        kind: 'logistic',
        params,
        nFeatures: this.nFeatures,
        nClasses: this.outputs,
        coef: rows,
        intercept: Array.from(this.intercept),
      };
    }
    if (this.task === 'binary') {
      if (params.kind !== 'logistic') throw new ModelArtifactError('binary linear model must be logistic');
      const intercept = this.intercept[0];
      return { task: 'binary', kind: 'logistic', params, nFeatures: this.nFeatures, coef, intercept };
    }
    if (params.kind === 'logistic') throw new ModelArtifactError('regression linear model cannot be logistic');
    const intercept = this.intercept[0];
    return { task: 'regression', kind: params.kind, params, nFeatures: this.nFeatures, coef, intercept };
  }
}

/** Restores a model from `LinearModel.toJSON()` output; ModelArtifactError when malformed. */
export function linearModelFromJSON(json: Record<string, unknown>): LinearModel {
  const parsed = LinearModelJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new ModelArtifactError(`malformed linear model: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  const m = parsed.data;
  if (m.task === 'multiclass') {
    const coef = new Float64Array(m.nClasses * m.nFeatures);
    m.coef.forEach((row, a) => coef.set(row, a * m.nFeatures));
    return new LinearModel('multiclass', m.params, m.nFeatures, coef, Float64Array.from(m.intercept));
  }
  return new LinearModel(m.task, m.params, m.nFeatures, Float64Array.from(m.coef), Float64Array.of(m.intercept));
}

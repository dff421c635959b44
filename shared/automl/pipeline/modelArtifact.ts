import { z } from 'zod';
import { formatZodIssues } from '../../util/formatZodIssues.js';
import { parseJson } from '../../util/parseJson.js';
import { Sha256HexSchema, sha256Hex } from '../../util/sha256.js';
import { ModelArtifactError } from '../errors.js';
import { PipelineSchema, type Pipeline } from './pipeline.js';

export const MODEL_FORMAT = 'alm-model';
export const MODEL_FORMAT_VERSION = 1;

/**
 * `model.json`: `{format, format_version, sha256, pipeline}`. `sha256` is the hex SHA-256 of
 * `JSON.stringify(pipeline)` exactly as written (key order kept), so a loader can check the
 * content without a canonical form. Pure JSON: nothing in it is ever evaluated.
 */
export const ModelArtifactSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  format_version: z.number().int(),
  sha256: Sha256HexSchema,
  pipeline: z.unknown(),
});

/** Serializes a pipeline to the text of `model.json`. Deterministic for equal pipelines. */
export function serializeModel(pipeline: Pipeline): string {
  const body = JSON.stringify(pipeline);
  const sha256 = sha256Hex(body);
  return `{"format":"${MODEL_FORMAT}","format_version":${MODEL_FORMAT_VERSION},"sha256":"${sha256}","pipeline":${body}}\n`;
}

/** Parses `model.json` text, checking the format, its version and the checksum. */
export function parseModel(text: string): Pipeline {
  const envelope = parseJson(text, ModelArtifactSchema, (why, cause) => new ModelArtifactError(`model.json ${why} (an ${MODEL_FORMAT} artifact)`, { cause }));
  if (envelope.format_version !== MODEL_FORMAT_VERSION) {
    throw new ModelArtifactError(`model.json has format version ${envelope.format_version}; this engine reads version ${MODEL_FORMAT_VERSION}`);
  }
  if (sha256Hex(JSON.stringify(envelope.pipeline)) !== envelope.sha256) throw new ModelArtifactError('model.json checksum mismatch: the content was altered');
  const pipeline = PipelineSchema.safeParse(envelope.pipeline);
  if (!pipeline.success) {
    throw new ModelArtifactError(`model.json pipeline is malformed: ${formatZodIssues(pipeline.error, 3)}`, { cause: pipeline.error });
  }
  return pipeline.data;
}

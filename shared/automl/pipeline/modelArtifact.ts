import { createHash } from 'node:crypto';
import { z } from 'zod';
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
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pipeline: z.unknown(),
});

/** Serializes a pipeline to the text of `model.json`. Deterministic for equal pipelines. */
export function serializeModel(pipeline: Pipeline): string {
  const body = JSON.stringify(pipeline);
  const sha256 = createHash('sha256').update(body).digest('hex');
  return `{"format":"${MODEL_FORMAT}","format_version":${MODEL_FORMAT_VERSION},"sha256":"${sha256}","pipeline":${body}}\n`;
}

/** Parses `model.json` text, checking the format, its version and the checksum. */
export function parseModel(text: string): Pipeline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ModelArtifactError('model.json is not valid JSON', { cause });
  }
  const envelope = ModelArtifactSchema.safeParse(raw);
  if (!envelope.success) {
    throw new ModelArtifactError(`model.json is not an ${MODEL_FORMAT} artifact: ${envelope.error.issues[0]?.message}`, {
      cause: envelope.error,
    });
  }
  if (envelope.data.format_version !== MODEL_FORMAT_VERSION) {
    throw new ModelArtifactError(
      `model.json has format version ${envelope.data.format_version}; this engine reads version ${MODEL_FORMAT_VERSION}`,
    );
  }
  const digest = createHash('sha256').update(JSON.stringify(envelope.data.pipeline)).digest('hex');
  if (digest !== envelope.data.sha256) throw new ModelArtifactError('model.json checksum mismatch: the content was altered');
  const pipeline = PipelineSchema.safeParse(envelope.data.pipeline);
  if (!pipeline.success) {
    throw new ModelArtifactError(`model.json pipeline is malformed: ${pipeline.error.issues[0]?.message}`, { cause: pipeline.error });
  }
  return pipeline.data;
}

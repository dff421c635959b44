import { z } from 'zod';

/**
 * The log line of one training progress message, `{"level":"info","training":"…"}`: written by
 * the train function, read back by `npm start` from the offline log (where serverless-offline
 * may prefix it), so the format is defined once, here.
 */
const ProgressLineSchema = z.object({ level: z.literal('info'), training: z.string() });

export function trainingProgressLine(text: string): string {
  return `${JSON.stringify(ProgressLineSchema.parse({ level: 'info', training: text }))}\n`;
}

/** The progress text of a log line, or undefined for any other line. */
export function trainingProgressOf(line: string): string | undefined {
  const start = line.indexOf('{"level":"info","training":');
  if (start < 0) return undefined;
  try {
    const parsed = ProgressLineSchema.safeParse(JSON.parse(line.slice(start)));
    return parsed.success ? parsed.data.training : undefined;
  } catch {
    return undefined;
  }
}

import { z } from 'zod';

/** The learning task, inferred from the target column. */
export const TaskSchema = z.enum(['binary', 'multiclass', 'regression']);
export type Task = z.infer<typeof TaskSchema>;

/** Number of prediction outputs per row: class probabilities for multiclass, else one value. */
export function outputsPerRow(task: Task, nClasses: number): number {
  return task === 'multiclass' ? nClasses : 1;
}

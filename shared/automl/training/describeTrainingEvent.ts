import type { TrainingEvent } from './trainingEvents.js';

/**
 * A training event as the lines a person reads (`alm train` on stderr, `npm start` while it
 * bootstraps): figures rounded to 4 decimals, fit times to the millisecond.
 */
export function describeTrainingEvent(event: TrainingEvent): string[] {
  switch (event.type) {
    case 'profiled': {
      const { target, features, dropped } = event.schema;
      return [
        `target '${target.name}' (chosen by ${target.rule}), task ${target.task}; ${features.length} features; ` +
          `${event.trainRows} train / ${event.testRows} test rows; ${event.folds} validation fold(s)`,
        ...dropped.map((d) => `dropped '${d.name}': ${d.reason} (${d.detail})`),
      ];
    }
    case 'candidate_started':
      return [`${event.candidate}: training`];
    case 'fold_scored': {
      const params = event.paramSets > 1 ? ` params ${event.paramSet}/${event.paramSets},` : '';
      return [`${event.candidate}:${params} fold ${event.fold + 1} ${round(event.score)}`];
    }
    case 'candidate_skipped':
      return [`${event.candidate}: skipped, ${event.reason}`];
    case 'candidate_finished': {
      const { entry } = event;
      return [`${entry.candidate}: cv ${round(entry.cv_mean)} ± ${round(entry.cv_std)}, test ${round(entry.test)}, fit ${round(entry.fit_seconds, 3)} s`];
    }
    case 'model_shipped': {
      const { shipped } = event;
      return shipped.fit_on === 'all_labeled_rows'
        ? [`shipped: refitted on all ${shipped.rows} labeled rows (test figures are the train-split model's)`]
        : [`shipped: the train-split model (${shipped.rows} rows), as --no-refit asks`];
    }
    case 'warning':
      return [`warning: ${event.message}`];
  }
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

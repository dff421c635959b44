import { DriftCheckSettingsSchema, type DriftCheckSettingsInput } from './driftCheckSettings.js';
import { guardProduction, type GuardOutcome } from './guardProduction.js';
import { runDriftCheck, type DriftCheckOutcome, type DriftCheckPorts } from './runDriftCheck.js';

/**
 * One tick of the drift-check function (the schedule, or `POST /drift-check`): the
 * post-promotion guard first (a rollback it makes is what the check then judges), then the drift
 * check on the production traffic of the window. While the guard waits for labeled rows of a
 * promotion made less than `guard.holdMinutes` ago, the check holds retraining (the guard decides
 * that version's fate first). Both outcomes are returned.
 */
export async function watchProduction(ports: DriftCheckPorts, settingsInput: DriftCheckSettingsInput = {}): Promise<DriftCheckOutcome & { guard: GuardOutcome }> {
  const settings = DriftCheckSettingsSchema.parse(settingsInput);
  const guard = await guardProduction(ports, settings.guard);
  const { holdMinutes } = settings.guard;
  const watching = guard.status === 'wait' && ports.clock.now().getTime() - Date.parse(guard.promoted_at) < holdMinutes * 60_000;
  const hold = watching
    ? `hold: the post-promotion guard is watching ${guard.version} (${guard.reason}); no retrain within ${holdMinutes} minutes of its promotion until the guard has judged it`
    : null;
  return { ...(await runDriftCheck(ports, settings, hold)), guard };
}

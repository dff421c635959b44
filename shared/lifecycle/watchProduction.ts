import { DriftCheckSettingsSchema, type DriftCheckSettingsInput } from './driftCheckSettings.js';
import { guardProduction, type GuardOutcome } from './guardProduction.js';
import { runDriftCheck, type DriftCheckOutcome, type DriftCheckPorts } from './runDriftCheck.js';

/**
 * One tick of the drift-check function (the schedule, or `POST /drift-check`): the
 * post-promotion guard first (a rollback it makes is what the check then judges), then the drift
 * check on the production traffic of the window. Both outcomes are returned.
 */
export async function watchProduction(ports: DriftCheckPorts, settingsInput: DriftCheckSettingsInput = {}): Promise<DriftCheckOutcome & { guard: GuardOutcome }> {
  const settings = DriftCheckSettingsSchema.parse(settingsInput);
  const guard = await guardProduction(ports, settings.guard);
  return { ...(await runDriftCheck(ports, settings)), guard };
}

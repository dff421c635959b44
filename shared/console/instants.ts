/**
 * How the console reads and writes times. Inputs are ISO 8601 instants; they are shown in UTC:
 * `2025-05-02 10:05:00 UTC` in tables and titles, `05-02 10:05` on axes. Durations are rounded
 * down to the two largest units (`3 d 4 h`, `2 h 5 min`, `40 s`). Plain text, still to be escaped.
 * Parsing is `Date.parse`; no clock is read.
 */
export function instantMs(iso: string): number {
  return Date.parse(iso);
}

/** `2025-05-02 10:05:00 UTC`; the input unchanged when it does not parse. */
export function formatInstant(iso: string): string {
  const ms = instantMs(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `05-02 10:05` (UTC) for an axis label. */
export function formatAxisTime(ms: number): string {
  return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/** The time from `fromIso` to `toIso`, e.g. `2 h 5 min`; `—` when either does not parse or it is negative. */
export function formatDuration(fromIso: string, toIso: string): string {
  let rest = instantMs(toIso) - instantMs(fromIso);
  if (!Number.isFinite(rest) || rest < 0) return '—';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${unit}`);
    if (parts.length === 2) break;
  }
  return parts.filter((part) => !part.startsWith('0 ')).join(' ') || '0 s';
}

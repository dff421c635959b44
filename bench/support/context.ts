/**
 * What every figure is given: the context the entry builds once (paths, seed, peers, options),
 * progress on stderr, and `FailureLog`, a recorder each caller creates for itself so that a failed
 * step becomes a line of the report instead of an exception (no log is shared between modules).
 */

/** Children (peer.py, peer-env.sh, alm train) are killed after this long. */
export const CHILD_TIMEOUT_MS = 15 * 60 * 1000;

export interface BenchPaths {
  /** The project folder: data/, bin/alm.js. */
  readonly root: string;
  /** The folder of peer.py and reference.json (env ALM_REFERENCE_DIR). */
  readonly referenceDir: string;
  /** The script that prints a python with scikit-learn and LightGBM (env ALM_PEER_ENV). */
  readonly peerEnvScript: string;
}

export interface BenchContext extends BenchPaths {
  /** A temp dir for this run: the split CSVs, the CLI's output. */
  readonly workDir: string;
  readonly seed: number;
  /** --all-peers: scikit-learn's slow GradientBoosting and RandomForest in the first peer run. */
  readonly allPeers: boolean;
  /** The peers' python; undefined when the peer environment is unavailable. */
  readonly python: string | undefined;
  /** reference.json as parsed; undefined when it could not be read. */
  readonly reference: unknown;
}

export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** Runs steps; a step that throws is reported on stderr, recorded, and yields undefined. */
export class FailureLog {
  readonly #failures: string[] = [];

  /** The failures recorded so far, in order, each `what: message`. */
  get failures(): readonly string[] {
    return [...this.#failures];
  }

  attempt<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#failures.push(`${what}: ${message}`);
      progress(`FAILED ${what}: ${message}`);
      return undefined;
    }
  }
}

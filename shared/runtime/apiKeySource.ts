import type { Clock } from '../ports/clock.js';

/** Where a container takes the admin API key from (`apiKeySource`). */
export interface ApiKeySourceOptions {
  /** `ALM_API_KEY` of the function's environment: wins when set (in-process use, tests). */
  readonly envKey?: string;
  /** `ALM_API_KEY_PARAMETER`: the SSM SecureString that holds the key (on AWS, and under `npm start`). */
  readonly parameterName?: string;
  /** Reads a SecureString, decrypted; `undefined` when it does not exist. */
  readonly readParameter: (name: string) => Promise<string | undefined>;
  readonly clock: Clock;
  /** `ALM_API_KEY_CACHE_SECONDS`: re-read after this long (a rotated key takes over); unset: once per container. */
  readonly cacheSeconds?: number;
}

/**
 * The admin API key of this container, read at run time and cached, as the AWS Parameters and
 * Secrets extension caches parameters: the first admin request reads the SSM parameter once
 * (concurrent requests share that one read), later ones use the cached value until
 * `cacheSeconds` (if set) have passed. A failed read is not cached (the next request retries;
 * a stale value, if any, is kept meanwhile). The key never enters the template's environment:
 * only the parameter's name does. No key and no parameter (or a missing one) is `undefined`,
 * and the admin routes then refuse every call.
 */
export function apiKeySource(options: ApiKeySourceOptions): () => Promise<string | undefined> {
  const { envKey, parameterName, readParameter, clock, cacheSeconds } = options;
  let cached: { readonly value: string | undefined; readonly readAtMs: number } | undefined;
  let pending: Promise<string | undefined> | undefined;
  const fresh = () => cached !== undefined && (cacheSeconds === undefined || clock.monotonicMs() - cached.readAtMs < cacheSeconds * 1000);
  return async () => {
    if (envKey) return envKey;
    if (!parameterName) return undefined;
    if (fresh()) return cached?.value;
    pending ??= readParameter(parameterName)
      .then((value) => {
        cached = { value: value || undefined, readAtMs: clock.monotonicMs() };
        return cached.value;
      })
      .catch((error: unknown) => {
        if (cached?.value !== undefined) return cached.value; // keep the last good key while SSM is unreachable
        throw error;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/**
 * How the heal benchmark talks to the stack: JSON over HTTP (`x-api-key` on every call, which
 * public routes ignore), answers typed loosely (the bench reads a few fields and prints them),
 * and `until`, a poll with a deadline. Measures nothing.
 */
export interface ApiAnswer {
  readonly status: number;
  readonly json: any;
}

export class HealApi {
  constructor(
    readonly url: string,
    private readonly apiKey: string,
  ) {}

  async call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<ApiAnswer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'x-api-key': this.apiKey, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, json };
  }

  /**
   * GET `path`, its JSON when 200, else an error naming the status. serverless-offline answers a
   * handler that ran past its timeout with a 200 whose body is `{errorType: "LambdaTimeoutError"}`:
   * that is an error too.
   */
  async get(path: string): Promise<any> {
    const answer = await this.call('GET', path);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 300)}`);
    if (isLambdaTimeout(answer.json)) throw new Error(`GET ${path}: the handler timed out (serverless-offline: ${answer.json.errorMessage})`);
    return answer.json;
  }
}

/**
 * Polls `probe` every `everyMs` until it returns a value (not undefined); throws naming `what`
 * after `timeoutMs`. A probe that throws is retried (the stack may be busy), its last error kept.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** serverless-offline's answer when a handler ran past its timeout (status 200, this body). */
export function isLambdaTimeout(json: unknown): json is { errorType: string; errorMessage: string } {
  return typeof json === 'object' && json !== null && (json as { errorType?: unknown }).errorType === 'LambdaTimeoutError';
}

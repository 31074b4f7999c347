/** Statuses worth another try: the server or a proxy says "not now", not "no". */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

export interface BackoffPolicy {
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** Exponential backoff with full jitter (AWS architecture blog): a random wait up to base·2^(n-1), capped. */
export function backoffMs(retry: number, p: BackoffPolicy, random = Math.random): number {
  const ceiling = Math.min(p.backoffMaxMs, p.backoffBaseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(random() * ceiling);
}

/** The wait before retry n: Retry-After when the server gave one (it knows best), else backoff. */
export function waitBeforeRetry(retry: number, retryAfter: number | null, p: BackoffPolicy, random = Math.random): number {
  return retryAfter ?? backoffMs(retry, p, random);
}

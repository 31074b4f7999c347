import { errorMessage } from '../model/errors.js';

export interface HttpResponse {
  status: number;
  /** URL after redirects. */
  url: string;
  headers: Headers;
  body: Buffer;
  redirects: number;
}

/** Why an attempt produced no usable response; `retry` says whether another attempt may help. */
export interface HttpFailure {
  kind: 'network' | 'timeout' | 'too-large' | 'redirects' | 'bad-url';
  message: string;
  retry: boolean;
}

export interface HttpOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Checked before each redirect hop (robots.txt, scheme, the per-host delay). Return a reason to refuse the hop. */
  allowRedirect?(url: string): Promise<string | null>;
}

export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Read a body stream, giving up once it passes `maxBytes` (the cap holds even without Content-Length). */
async function readCapped(res: Response, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    return null;
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let n = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * One HTTP GET, following redirects by hand so each hop is counted, checked and capped. The timeout covers
 * the whole exchange, body included: a server that trickles bytes is as stuck as one that never answers.
 */
export async function httpGet(url: string, o: HttpOptions): Promise<HttpResponse | HttpFailure> {
  let current = url;
  for (let hop = 0; ; hop++) {
    if (!isHttpUrl(current)) return { kind: 'bad-url', message: `${current} is not an http(s) URL`, retry: false };
    // Each hop gets the full timeout: the pause before a redirected request is politeness, not slowness.
    const signal = AbortSignal.timeout(o.timeoutMs);
    let res: Response;
    try {
      res = await fetch(current, { headers: o.headers, redirect: 'manual', signal });
    } catch (e) {
      if (signal.aborted) return { kind: 'timeout', message: `no complete response within ${o.timeoutMs} ms`, retry: true };
      return { kind: 'network', message: errorMessage((e as { cause?: unknown }).cause ?? e), retry: true };
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
      await res.body?.cancel();
      if (hop >= o.maxRedirects) return { kind: 'redirects', message: `more than ${o.maxRedirects} redirects from ${url}`, retry: false };
      const next = new URL(location, current).toString();
      const refused = await o.allowRedirect?.(next);
      if (refused) return { kind: 'bad-url', message: `redirect to ${next} refused: ${refused}`, retry: false };
      current = next;
      continue;
    }
    let body: Buffer | null;
    try {
      body = await readCapped(res, o.maxBytes);
    } catch (e) {
      if (signal.aborted) return { kind: 'timeout', message: `body not complete within ${o.timeoutMs} ms`, retry: true };
      return { kind: 'network', message: errorMessage(e), retry: true };
    }
    if (body === null) return { kind: 'too-large', message: `body larger than ${o.maxBytes} bytes`, retry: false };
    return { status: res.status, url: current, headers: res.headers, body, redirects: hop };
  }
}

export function isFailure(r: HttpResponse | HttpFailure): r is HttpFailure {
  return 'kind' in r;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One request at a time per host, each starting at least the host's delay after the previous one ended.
 * Hosts are independent; the global cap on requests in flight is the caller's (p-limit).
 */
export class HostGate {
  private readonly tail = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();
  private readonly delay = new Map<string, number>();

  constructor(private readonly defaultDelayMs: number) {}

  /** Raise a host's delay (robots.txt Crawl-delay); it never goes below the configured default. */
  setDelay(host: string, ms: number): void {
    this.delay.set(host, Math.max(this.defaultDelayMs, ms));
  }

  delayOf(host: string): number {
    return this.delay.get(host) ?? this.defaultDelayMs;
  }

  /** Run `fn` as the host's next request; `extraWaitMs` holds the host longer (Retry-After). */
  async run<T>(host: string, fn: () => Promise<T>, extraWaitMs = 0): Promise<T> {
    const prev = this.tail.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    this.tail.set(host, prev.then(() => mine));
    await prev;
    try {
      const last = this.lastEnd.get(host);
      const wait = Math.max(last === undefined ? 0 : last + this.delayOf(host) - Date.now(), extraWaitMs);
      if (wait > 0) await sleep(wait);
      return await fn();
    } finally {
      this.lastEnd.set(host, Date.now());
      release();
    }
  }
}

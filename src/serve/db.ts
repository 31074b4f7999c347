import type { DuckDBConnection } from '@duckdb/node-api';
import { CppccError } from '../model/errors.js';
import { openStore, sqlError, type Store } from '../store/duckdb.js';
import { SQL_MAX_RUNNING, type WorkbenchLimits } from './limits.js';

/**
 * DuckDB forgets an interrupt that arrives between two statements (the next one runs as if none came),
 * so a stopped lease repeats it this often until released: a statement started after the stop, the
 * page's next query or the wrapped query after the checks, ends within a tenth of a second.
 */
const INTERRUPT_REPEAT_MS = 100;

/** A connection held by one request: stopped at the time limit or when the client leaves, closed by release(). */
export class Lease {
  /** Called once the time limit passes, after the interrupt: a stream waiting on its client ends here. */
  onTimeout?: () => void;
  private timedOut = false;
  private released = false;
  private readonly timer: NodeJS.Timeout;
  private repeat: NodeJS.Timeout | null = null;
  private readonly onAbort = () => this.stop();

  constructor(
    readonly connection: DuckDBConnection,
    private readonly limitMs: number,
    private readonly signal: AbortSignal | undefined,
    private readonly onRelease: () => void,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.stop();
      this.onTimeout?.();
    }, limitMs);
    // A client that leaves (a closed tab, Esc, curl ^C) stops its query instead of leaving it running.
    if (signal?.aborted) this.stop();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Interrupt the query and any statement this lease starts after it. */
  stop(): void {
    if (this.released || this.repeat) return;
    this.connection.interrupt();
    this.repeat = setInterval(() => this.connection.interrupt(), INTERRUPT_REPEAT_MS);
  }

  /** What a failure on this lease means for the user: the time limit (E038), a coded refusal as it is, or DuckDB's whole message (E013). */
  failure(e: unknown): CppccError {
    if (this.timedOut) return new CppccError('E038', { limit: this.limitMs });
    return e instanceof CppccError ? e : sqlError(e);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.timer);
    if (this.repeat) clearInterval(this.repeat);
    this.signal?.removeEventListener('abort', this.onAbort);
    this.onRelease();
    this.connection.closeSync();
  }
}

/**
 * The workbench's database: sandboxed (read-only, no file or network access, settings locked) and
 * limited in memory and threads. Every request gets a connection of its own, so a query's temp objects
 * and settings end with it, a runaway query can be interrupted without touching anyone else's, and the
 * other pages keep answering while it runs (DuckDB runs the connections of one instance in parallel).
 */
export class WorkbenchDb {
  private readonly open = new Set<Lease>();
  private sqlRunning = 0;

  private constructor(private readonly base: Store, readonly limits: WorkbenchLimits) {}

  static async open(file: string, limits: WorkbenchLimits): Promise<WorkbenchDb> {
    return new WorkbenchDb(await openStore(file, { sandboxed: true, limits: { memoryLimit: limits.memoryLimit, threads: limits.threads } }), limits);
  }

  /**
   * A connection for one request. `sql` leases (typed queries) are limited to SQL_MAX_RUNNING at once:
   * one more is refused with E040 rather than queued behind runaway queries.
   */
  async lease(signal: AbortSignal | undefined, kind: 'page' | 'sql'): Promise<Lease> {
    if (kind === 'sql' && this.sqlRunning >= SQL_MAX_RUNNING) throw new CppccError('E040', { input: SQL_MAX_RUNNING, limit: this.limits.queryTimeoutMs });
    if (kind === 'sql') this.sqlRunning++;
    let connection: DuckDBConnection;
    try {
      connection = await this.base.connect();
    } catch (e) {
      if (kind === 'sql') this.sqlRunning--;
      throw sqlError(e);
    }
    const lease: Lease = new Lease(connection, this.limits.queryTimeoutMs, signal, () => {
      this.open.delete(lease);
      if (kind === 'sql') this.sqlRunning--;
    });
    this.open.add(lease);
    return lease;
  }

  /** Run `fn` on a connection of its own, released when it settles; failures as Lease.failure gives them. */
  async use<T>(signal: AbortSignal | undefined, kind: 'page' | 'sql', fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const lease = await this.lease(signal, kind);
    try {
      return await fn(lease.connection);
    } catch (e) {
      throw lease.failure(e);
    } finally {
      lease.release();
    }
  }

  /** The run's database as a Store on a connection (for code shared with the CLI, which takes a Store). */
  storeOn(connection: DuckDBConnection): Store {
    return { connection, connect: () => this.base.connect(), close: () => undefined };
  }

  /** Stop every running query (a server shutting down does not wait out their time limits). */
  stopQueries(): void {
    for (const lease of this.open) lease.stop();
  }

  close(): void {
    this.stopQueries();
    this.base.close();
  }
}

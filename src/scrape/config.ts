import { z } from 'zod';
import { CppccError } from '../model/errors.js';
import { loadJson } from '../util/data.js';

const ms = z.number().int().nonnegative();
export const ScrapeConfigSchema = z.object({
  userAgent: z.string().min(1),
  contactUrl: z.string().min(1),
  delayMs: ms,
  concurrency: z.number().int().positive(),
  timeoutMs: z.number().int().positive(),
  maxAttempts: z.number().int().positive(),
  backoffBaseMs: ms,
  backoffMaxMs: ms,
  maxRetryAfterMs: ms,
  maxRedirects: z.number().int().nonnegative(),
  maxBodyBytes: z.number().int().positive(),
  ttlHours: z.number().nonnegative(),
  maxPages: z.number().int().positive(),
  listMaxDepth: z.number().int().nonnegative(),
});
export type ScrapeConfig = z.infer<typeof ScrapeConfigSchema>;

/** Validate settings (the data file merged with command-line overrides); a bad value names its key. */
export function scrapeConfig(overrides: Partial<ScrapeConfig> = {}, base: unknown = loadJson('scrape.json')): ScrapeConfig {
  const merged = { ...(base as object), ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const r = ScrapeConfigSchema.safeParse(merged);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CppccError('E015', { key: `scrape.${issue.path.join('.')}`, cause: issue.message, allowed: 'see pipelines/scrape.json' });
  }
  return r.data;
}

export function userAgent(c: ScrapeConfig): string {
  return c.userAgent.replace('{contact}', c.contactUrl);
}

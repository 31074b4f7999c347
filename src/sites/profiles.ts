import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { CppccError, errorMessage } from '../model/errors.js';
import { pipelinesPath } from '../util/paths.js';

const regexSource = z.string().min(1).refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');
const selector = z.string().min(1);

/** A site profile: how to walk a site's list pages and where its articles keep title, date and body. */
export const SiteProfileSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  description: z.string().optional(),
  /** Host names; a name starting with "." matches every subdomain. */
  hosts: z.array(z.string().min(1)).default([]),
  list: z.strictObject({
    articleLinks: selector.optional(),
    /** URL path patterns of article pages; a link matching none is not followed as an article. */
    articleUrl: z.array(regexSource).optional(),
    nextPage: selector.optional(),
    nextPageText: regexSource.optional(),
  }).default({}),
  article: z.strictObject({
    title: selector.optional(),
    subtitle: selector.optional(),
    date: selector.optional(),
    body: selector.optional(),
    source: selector.optional(),
    author: selector.optional(),
    editor: selector.optional(),
    /** Elements removed from the body before its text is read (share bars inside the article div). */
    remove: z.array(selector).optional(),
  }).default({}),
});
export type SiteProfile = z.infer<typeof SiteProfileSchema>;

/** A profile with the generic profile's list rules filled in where the site's own profile is silent. */
export interface ResolvedProfile {
  name: string;
  hosts: string[];
  list: { articleLinks: string; articleUrl: RegExp[]; nextPage: string; nextPageText: RegExp };
  article: SiteProfile['article'];
}

/** Validate one profile's JSON; a bad file gets an error naming the key. */
export function parseProfile(json: unknown, file: string): SiteProfile {
  const r = SiteProfileSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new CppccError('E020', { input: file, key: issue.path.join('.') || '(top level)', cause: issue.message });
}

export function loadProfilesFrom(dir: string): SiteProfile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => {
    const path = join(dir, f);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new CppccError('E020', { input: path, key: '(file)', cause: errorMessage(e) });
    }
    const p = parseProfile(json, path);
    if (p.name !== basename(f, '.json')) throw new CppccError('E020', { input: path, key: 'name', cause: `"${p.name}" differs from the file name` });
    return p;
  });
}

function resolve(p: SiteProfile, generic: SiteProfile): ResolvedProfile {
  const l = { ...generic.list, ...p.list };
  return {
    name: p.name,
    hosts: p.hosts,
    list: {
      articleLinks: l.articleLinks ?? 'a[href]',
      articleUrl: (l.articleUrl ?? []).map((s) => new RegExp(s, 'u')),
      nextPage: l.nextPage ?? 'a[href]',
      nextPageText: new RegExp(l.nextPageText ?? '^下一页$', 'u'),
    },
    article: p.article,
  };
}

/** Site profiles of a directory, matched to URLs by host. */
export class SiteProfiles {
  private readonly profiles: ResolvedProfile[];
  readonly generic: ResolvedProfile;

  constructor(profiles: SiteProfile[]) {
    const generic = profiles.find((p) => p.name === 'generic');
    if (!generic) throw new CppccError('E020', { input: 'pipelines/sites', key: 'generic', cause: 'no generic.json profile' });
    this.generic = resolve(generic, generic);
    this.profiles = profiles.filter((p) => p !== generic).map((p) => resolve(p, generic));
  }

  static load(dir = pipelinesPath('sites')): SiteProfiles {
    return new SiteProfiles(loadProfilesFrom(dir));
  }

  /** The profile for a URL (or one forced by name), the generic one when no host matches. */
  forUrl(url: string | null | undefined, name?: string): ResolvedProfile {
    if (name) {
      const p = name === 'generic' ? this.generic : this.profiles.find((x) => x.name === name);
      if (!p) throw new CppccError('E015', { key: '--site', cause: `no profile "${name}"`, allowed: ['generic', ...this.profiles.map((x) => x.name)].join(', ') });
      return p;
    }
    let host = '';
    try {
      host = url ? new URL(url).hostname.toLowerCase() : '';
    } catch {
      return this.generic;
    }
    return this.profiles.find((p) => p.hosts.some((h) => (h.startsWith('.') ? host.endsWith(h) || host === h.slice(1) : host === h))) ?? this.generic;
  }
}

let shared: SiteProfiles | null = null;
/** The profiles under pipelines/sites, loaded once per process. */
export function siteProfiles(): SiteProfiles {
  return (shared ??= SiteProfiles.load());
}

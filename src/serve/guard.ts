import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { CppccError } from '../model/errors.js';

/** Where the server listens; until it does, every request is refused. */
export interface Address { host: string; port: number }

/**
 * No inline script or style, nothing from another origin, no framing, forms only to the workbench:
 * were escaping ever missed, injected markup could neither run nor send anything away.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it Chromium sends the workbench's own form posts with Origin: null.
  'referrer-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/u;
const WILDCARD = new Set(['0.0.0.0', '::']);

/**
 * Whether a Host header names this server: its bound address and port. Loopback names (127.0.0.1,
 * localhost, [::1]) stand for each other; a server bound to every interface also answers to any IP
 * literal and this machine's name. Any other name is refused: it is how DNS rebinding reaches a
 * loopback server, under a name the attacker controls.
 */
export function hostAllowed(header: string | undefined, bound: Address): boolean {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/u.exec((header ?? '').toLowerCase());
  if (!m) return false;
  const name = m[1].replace(/^\[|\]$/gu, '');
  if ((m[2] ? Number(m[2]) : 80) !== bound.port) return false;
  const host = bound.host.toLowerCase();
  if (name === host) return true;
  if (LOOPBACK.test(host)) return LOOPBACK.test(name);
  return WILDCARD.has(host) && (isIP(name) !== 0 || name === 'localhost' || name === hostname().toLowerCase());
}

/** A token per server process, in every form it serves: a post without it did not come from its pages. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(given: unknown, token: string): boolean {
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface GuardOptions {
  address(): Address | null;
  refused(c: Context, error: CppccError): Response | Promise<Response>;
  log?: (line: string) => void;
}

/**
 * Every request passes here first. Refused: a Host that is not this server's (DNS rebinding), an
 * Origin that is not its own (another site's script or form), and a request another site's page made
 * (Sec-Fetch-Site, which Chromium and Firefox send: an <img> or <script> pointing here) unless it is
 * the user following a link to a page. Every response carries the security headers.
 */
export function requestGuard(opts: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const bound = opts.address();
    const host = c.req.header('host');
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const navigation = (c.req.method === 'GET' || c.req.method === 'HEAD') && c.req.header('sec-fetch-mode') === 'navigate' && c.req.header('sec-fetch-dest') === 'document';
    const own = bound ? `http://${bound.host.includes(':') ? `[${bound.host}]` : bound.host}:${bound.port}/` : 'its address';
    let cause: string | null = null;
    if (!bound) cause = 'the server is not listening yet';
    else if (!hostAllowed(host, bound)) cause = `the Host ${host ? `"${host}"` : '(none)'} is not this server's address`;
    else if (origin !== undefined && origin.toLowerCase() !== `http://${host!.toLowerCase()}`) cause = `the request came from ${origin}, another origin`;
    else if ((site === 'cross-site' || site === 'same-site') && !navigation) cause = `another site's page made this request (Sec-Fetch-Site: ${site})`;
    if (cause) {
      opts.log?.(`refused ${c.req.method} ${c.req.path}: ${cause}`);
      const res = await opts.refused(c, new CppccError('E039', { cause, input: own }));
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
      return res;
    }
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  };
}

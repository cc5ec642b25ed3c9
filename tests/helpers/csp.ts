import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';

/** A Content-Security-Policy as directive name → source list. */
export type Policy = Map<string, string[]>;

export function parsePolicy(content: string): Policy {
  const policy: Policy = new Map();
  for (const directive of content.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    // The first occurrence of a directive is the one browsers apply.
    if (name && !policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/**
 * What is wrong with a page's policy for this site: there must be one, it must deny by default,
 * and scripts must come only from the site or from hashes, never inline or from eval.
 */
export function policyProblems(content: string | null): string[] {
  if (content === null) return ['the page has no content-security-policy'];
  const policy = parsePolicy(content);
  const problems: string[] = [];
  if (policy.get('default-src')?.join(' ') !== "'none'") problems.push("default-src is not 'none'");
  const scripts = policy.get('script-src');
  if (!scripts) problems.push('no script-src');
  for (const [name, sources] of policy) {
    if (!name.startsWith('script-src') && name !== 'default-src') continue;
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", 'data:', '*']) {
      if (sources.includes(bad)) problems.push(`${name} allows ${bad}`);
    }
  }
  if (policy.get('object-src') && policy.get('object-src')?.join(' ') !== "'none'") {
    problems.push("object-src is not 'none'");
  }
  if (policy.get('base-uri')?.join(' ') !== "'none'") problems.push("base-uri is not 'none'");
  return problems;
}

/**
 * The policy a built page declares, and what is wrong with where it stands: a `<meta>` policy
 * covers only what the parser meets after it, so it must be in the head before any script, style
 * or stylesheet, and there must be exactly one.
 */
export function pagePolicy(document: Document): { content: string | null; problems: string[] } {
  const metas = [...document.querySelectorAll('meta')].filter(
    (meta) => meta.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy',
  );
  const problems: string[] = [];
  if (metas.length > 1) problems.push(`${metas.length} policies`);
  const meta = metas[0];
  if (!meta) return { content: null, problems: ['the page has no content-security-policy'] };
  if (meta.parentElement !== document.head) problems.push('the policy is not in the head');
  const all = [...document.querySelectorAll('*')];
  const first = all.find((element) => element.matches('script, style, link[rel~="stylesheet"]'));
  if (first && all.indexOf(first) < all.indexOf(meta)) {
    problems.push(`a <${first.localName}> comes before the policy`);
  }
  const content = meta.getAttribute('content');
  return { content, problems: [...problems, ...policyProblems(content)] };
}

/** The `'sha256-…'` source that allows an inline script or style with this text. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

export interface CspWatch {
  /** Every violation so far: reported events, and Chromium's console messages about them. */
  violations: () => Promise<string[]>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Starts recording Content-Security-Policy violations on a page; call before `goto`. Chromium
 * reports each one twice, as a `securitypolicyviolation` event (only while JavaScript runs) and as
 * a console message (always), so both are kept: a test expecting none fails on either.
 */
export async function watchCsp(page: Page): Promise<CspWatch> {
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) messages.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    window.__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`,
      );
    });
  });
  return {
    violations: async () => [
      ...messages,
      ...(await page.evaluate(() => window.__cspViolations ?? []).catch(() => [])),
    ],
  };
}

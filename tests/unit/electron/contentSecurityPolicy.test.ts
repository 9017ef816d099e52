import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../../electron/contentSecurityPolicy';

function parsePolicy(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('the Content-Security-Policy of app pages', () => {
  const policy = buildContentSecurityPolicy();
  const directives = parsePolicy(policy);

  it('runs only the app own scripts: no eval, no inline script', () => {
    expect(policy).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('allows what the editor and sync need, and nothing more', () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('shuts plugins, base rewriting, framing and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('is a single header value without wildcards', () => {
    expect(policy).not.toMatch(/[\r\n]/);
    expect(policy).not.toContain('*');
  });
});

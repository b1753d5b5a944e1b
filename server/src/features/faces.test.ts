// The faces tell the truth: every emitted event has a subscriber, what a face declares is what its code emits, and the API document lists every route.
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../test-support/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ seed: false });
});
afterAll(() => s?.close());

const FEATURES_DIR = __dirname;

/** Event names the code of a feature's folder passes to `bus.emit(...)` (read from the source, so a face cannot under-declare). */
function emittedInSource(dir: string): Set<string> {
  const names = new Set<string>();
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/\.emit\(\s*'([a-z][a-z.]*)'/g)) names.add(m[1]!);
  }
  return names;
}

describe('feature faces', () => {
  it('lists each feature once, each in its own folder', () => {
    const names = s.app.faces.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(fs.existsSync(path.join(FEATURES_DIR, n))).toBe(true);
  });

  it('declares every event its code emits', () => {
    for (const face of s.app.faces) {
      const declared = new Set<string>(face.emits);
      const missing = [...emittedInSource(path.join(FEATURES_DIR, face.name))].filter((e) => !declared.has(e));
      expect({ feature: face.name, undeclared: missing }).toEqual({ feature: face.name, undeclared: [] });
    }
  });

  it('has no dead-end events: every emitted event has a subscriber unless its face makes it public', () => {
    const deadEnds: string[] = [];
    for (const face of s.app.faces) {
      for (const e of face.emits ?? []) {
        if (face.publicEvents?.includes(e)) continue;
        if (s.app.bus.listenerCount(e) === 0) deadEnds.push(`${face.name}: ${e}`);
      }
    }
    expect(deadEnds).toEqual([]);
  });

  it('subscribes only to events some face emits', () => {
    const emitted = new Set<string>(s.app.faces.flatMap((f) => f.emits ?? []));
    const heard = s.app.faces.flatMap((f) => (f.subscriptions ?? []).map((x) => `${f.name}: ${x.event}`));
    expect(heard.filter((h) => !emitted.has(h.split(': ')[1]!))).toEqual([]);
  });

  it('registers every timer kind a face declares, once', () => {
    const kinds = s.app.faces.flatMap((f) => (f.timers ?? []).map((t) => t.kind));
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of kinds) expect(s.app.scheduler.kinds()).toContain(k);
  });
});

describe('the API document', () => {
  it('is OpenAPI 3.1 and has one operation per route of every face, each with auth, responses and the error envelope', async () => {
    const r = await s.request('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe('3.1.0');
    const routes = s.app.faces.flatMap((f) => f.routes ?? []);
    expect(routes.length).toBeGreaterThan(0);
    for (const def of routes) {
      const op = doc.paths[def.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[def.method];
      expect({ route: `${def.method} ${def.path}`, documented: !!op }).toEqual({ route: `${def.method} ${def.path}`, documented: true });
      expect(op.summary).toBeTruthy();
      expect(op.description).toMatch(/\*\*Auth:\*\*/);
      expect(op['x-linli-auth']).toBeDefined();
      expect(op.security).toEqual(def.auth === 'public' ? [] : [{ bearer: [] }]);
      expect(op.responses[String(def.status ?? 200)]).toBeDefined();
      expect(op.responses['500'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
      if (def.params) expect(op.parameters.filter((p: { in: string }) => p.in === 'path').length).toBeGreaterThan(0);
      if (def.body) expect(op.requestBody.content['application/json'].schema).toBeDefined();
    }
    const opCount = Object.values(doc.paths as Record<string, object>).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(opCount).toBe(routes.length);
  });

  it('serves a readable page with no inline script, and its assets', async () => {
    const page = await s.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const scripts = [...String(page.body).matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inline] of scripts) {
      expect(attrs).toMatch(/src="\/api\/docs\/assets\//);
      expect(inline!.trim()).toBe('');
    }
    for (const src of scripts.map(([, attrs]) => /src="([^"]+)"/.exec(attrs!)![1]!)) {
      const a = await fetch(s.url + src);
      expect(a.status).toBe(200);
      expect((await a.text()).length).toBeGreaterThan(10);
    }
    expect((await s.request('GET', '/api/docs/assets/..%2f..%2fpackage.json')).status).toBe(404);
  });
});

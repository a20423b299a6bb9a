/**
 * The console is served beside the API by the real HTTP app (runtime's createHttpApp on Fastify): page
 * addresses fall back to index.html, hashed assets are cached for good, and the API keeps its own 404s.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, createLogger, Metrics, ReadinessRegistry } from '@vaxledger/runtime';
import { locateConsoleBuild, registerConsole } from '../src';

async function appServing(distDir: string): Promise<NestFastifyApplication> {
  const logger = createLogger({ service: 'console-host-test', level: 'silent' });
  const app = await createHttpApp([], {
    title: 'console host test',
    logger,
    metrics: new Metrics(),
    readiness: new ReadinessRegistry(),
  });
  registerConsole(app.getHttpAdapter().getInstance(), distDir);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('the console served by the standalone process', () => {
  let dist: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'vaxledger-console-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>vaxledger</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'console-3f9a1c.js'), 'console.log("vaxledger")');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await appServing(dist);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers the root with index.html, never cached and with a strict content policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.body).toContain('<div id="root">');
  });

  it('answers a page address of the app (a deep link or a reload) with index.html', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/people/0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b?tab=doses',
      headers: html,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with a one-year immutable cache lifetime', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/console-3f9a1c.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe('console.log("vaxledger")');
  });

  it('serves unhashed root files with a short cache lifetime', async () => {
    const response = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers a missing asset requested by a script with 404, not with the page', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/assets/console-000000.js',
      headers: { accept: '*/*' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('never serves a file outside the console folder', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/assets/..%2f..%2fpackage.json',
      headers: { accept: '*/*' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('leaves unknown API addresses to the API: a JSON 404 in the documented error shape, even for a browser', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-route', headers: html });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual(expect.objectContaining({ error: 'not_found' }));
  });

  it('keeps health, metrics and the OpenAPI document working', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).body).toContain('# HELP');
    expect((await app.inject({ method: 'GET', url: '/api/docs-json' })).json()).toHaveProperty('openapi');
    const swaggerUi = await app.inject({ method: 'GET', url: '/api/docs', headers: html });
    expect(swaggerUi.statusCode).toBe(200);
    expect(swaggerUi.body).toContain('swagger');
    const unknownHealth = await app.inject({ method: 'GET', url: '/health/nothing', headers: html });
    expect(unknownHealth.statusCode).toBe(404);
  });

  it('answers HEAD for a page like GET, without a body', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/plans', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });
});

describe('the standalone process when the console was never built', () => {
  let app: NestFastifyApplication;
  let empty: string;

  beforeAll(async () => {
    empty = mkdtempSync(join(tmpdir(), 'vaxledger-console-missing-'));
    app = await appServing(join(empty, 'console'));
  });

  afterAll(async () => {
    await app.close();
    rmSync(empty, { recursive: true, force: true });
  });

  it('answers the root with a short page saying the console is not built', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build:console');
    expect(response.body).toContain('chưa được dựng');
  });

  it('still answers the API', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} });
    expect(response.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});

describe('where the console build is looked for', () => {
  it('is dist/console at the repository root, from the sources or from the built app', () => {
    const root = join(__dirname, '..', '..', '..');
    expect(locateConsoleBuild(join(root, 'libs', 'console-host', 'src'))).toBe(join(root, 'dist', 'console'));
    expect(locateConsoleBuild(join(root, 'dist', 'libs', 'console-host', 'src'))).toBe(
      join(root, 'dist', 'console'),
    );
  });
});

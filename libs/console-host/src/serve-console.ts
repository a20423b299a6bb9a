/**
 * Serves the built web console (`dist/console/`) from the same process as the API: hashed assets with long
 * cache lifetimes, `index.html` for every page address of the single-page app, and a short notice instead when
 * the console was never built. The API, health and metrics routes are never shadowed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths owned by the API process itself; an unknown address below them is a 404, never the console. */
const reservedPrefixes = ['/api', '/health', '/metrics'];

/** Vite names every file under assets/ after a hash of its content, so a browser may keep it for good. */
const assetCacheControl = 'public, max-age=31536000, immutable';
/** index.html names the current asset hashes: it must be revalidated on every visit. */
const pageCacheControl = 'no-cache';
/** Unhashed files at the root (favicon): an hour is enough and a new build shows up soon. */
const rootFileCacheControl = 'public, max-age=3600';

/**
 * What the console page may load: only its own scripts and styles, QR codes as data: images, API calls to this
 * origin. The console never needs inline scripts, so none are allowed.
 */
const pageSecurityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const notBuiltPage = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>vaxledger</title></head>
<body><main><h1>vaxledger</h1>
<p>Bảng điều khiển web chưa được dựng. Chạy <code>npm run build:console</code> (hoặc <code>npm start</code>), rồi tải lại trang.</p>
<p>The web console is not built. Run <code>npm run build:console</code> (or <code>npm start</code>) and reload.</p>
<p>API: <a href="/api/docs">/api/docs</a></p></main></body></html>
`;

/**
 * The folder `npm run build:console` writes: `<repository>/dist/console`, found from this file whether it runs
 * from `libs/console-host/src` (tests) or `dist/libs/console-host/src` (the built app).
 */
export function locateConsoleBuild(from: string = __dirname): string {
  let folder = resolve(from);
  for (;;) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'libs')))
      return join(folder, 'dist', 'console');
    const parent = dirname(folder);
    if (parent === folder) return resolve('dist', 'console');
    folder = parent;
  }
}

function isReserved(path: string): boolean {
  return reservedPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

/** The file under `root` a URL path names, or null when it names none (or tries to leave the folder). */
function fileUnder(root: string, path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(root, `.${decoded}`);
  if (!file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .headers({
      ...pageSecurityHeaders,
      'cache-control': pageCacheControl,
      'content-type': 'text/html; charset=utf-8',
    })
    .send(html);
}

/**
 * Registers the console on a Fastify instance before it starts listening (for a Nest app:
 * `registerConsole(app.getHttpAdapter().getInstance(), locateConsoleBuild())` after `createHttpApp`).
 * Returns at once; Fastify loads the plugin when the app starts.
 */
export function registerConsole(fastify: FastifyInstance, distDir: string): void {
  const root = resolve(distDir);
  const indexFile = join(root, 'index.html');

  // Its own encapsulated context, so the reply decorator cannot clash with the plugin's other users (Swagger UI).
  void fastify.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root,
      serve: false,
      decorateReply: true,
      cacheControl: false,
      index: false,
    });

    // GET also answers HEAD (Fastify adds it). Every more specific route (the API's) wins over this wildcard.
    scope.route({
      method: 'GET',
      url: '/*',
      handler: async (request, reply) => {
        const path = request.url.split('?', 1)[0];
        if (isReserved(path)) return reply.callNotFound();

        // Read on each visit: a rebuild while the server runs is picked up without a restart.
        const built = existsSync(indexFile);
        if (built && path !== '/' && path !== '/index.html') {
          const file = fileUnder(root, path);
          if (file) {
            const cacheControl = path.startsWith('/assets/') ? assetCacheControl : rootFileCacheControl;
            reply.header('cache-control', cacheControl).header('x-content-type-options', 'nosniff');
            return reply.sendFile(file.slice(root.length + 1));
          }
        }
        if (!acceptsHtml(request) && path !== '/') return reply.callNotFound();
        if (!built) return sendPage(reply, notBuiltPage);
        return sendPage(reply, readFileSync(indexFile, 'utf8'));
      },
    });
  });
}

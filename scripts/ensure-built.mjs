// Installs dependencies when they are missing or stale and compiles the TypeScript when the build is missing
// or older than its sources. Run directly (`npm run cli` does) or imported by start.mjs and test.mjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

const buildStamp = join(repositoryRoot, 'dist', '.build-stamp');
export const standaloneEntry = join(repositoryRoot, 'dist', 'apps', 'standalone', 'src', 'main.js');
const sourceFolders = ['apps', 'libs', 'bench', 'examples'];
const buildConfigs = ['tsconfig.json', 'tsconfig.build.json'];

function say(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repositoryRoot, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Why node_modules needs (re)installing, or null when it matches the lock file. The lock file being newer than
 * npm's own record of what it installed is only a hint: `npm install <pkg>` writes the two files a few
 * milliseconds apart, so the entries are compared before anything is reinstalled (`npm ci` deletes node_modules).
 */
function dependenciesOutOfDate() {
  const lockFile = join(repositoryRoot, 'package-lock.json');
  const installedRecord = join(repositoryRoot, 'node_modules', '.package-lock.json');
  if (!existsSync(join(repositoryRoot, 'node_modules'))) return 'node_modules is missing';
  const installedAt = modifiedAt(installedRecord);
  if (installedAt === null) return 'node_modules has no record of an npm install';
  if (!existsSync(lockFile)) {
    return modifiedAt(join(repositoryRoot, 'package.json')) > installedAt ? 'package.json changed since the last install' : null;
  }
  if (modifiedAt(lockFile) <= installedAt) return null;
  const wanted = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(installedRecord, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(wanted)) {
    // The root entry is not recorded, and optional packages for other platforms are never installed.
    if (path === '' || entry.optional) continue;
    const present = installed[path];
    if (!present || present.version !== entry.version || present.resolved !== entry.resolved) {
      return `package-lock.json wants ${path.replace(/^.*node_modules\//, '')}@${entry.version}`;
    }
  }
  return null;
}

/**
 * Native addons that npm compiles from source here (their prebuilt downloads are out of reach, and argon2's
 * bundled prebuild does not load on this platform). The compiled files are kept in a per-user cache keyed by
 * package version and Node ABI, so a fresh clone on a machine that built them once installs in seconds.
 */
const compiledAddons = [
  { name: 'better-sqlite3', file: 'better_sqlite3.node' },
  { name: 'argon2', file: 'argon2.node' },
];
const addonCacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vaxledger', 'native-addons');

function lockedVersion(name) {
  try {
    const lock = JSON.parse(readFileSync(join(repositoryRoot, 'package-lock.json'), 'utf8'));
    return lock.packages?.[`node_modules/${name}`]?.version ?? null;
  } catch {
    return null;
  }
}

function addonCachePath(addon) {
  const version = lockedVersion(addon.name);
  if (!version) return null;
  const key = `${addon.name}-${version}-node-abi${process.versions.modules}-${process.platform}-${process.arch}`;
  return join(addonCacheRoot, key, addon.file);
}

const addonBuildPath = (addon) => join(repositoryRoot, 'node_modules', addon.name, 'build', 'Release', addon.file);

function addonsLoad() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "new (require('better-sqlite3'))(':memory:').close(); require('argon2').hash('probe-password-1').then(() => process.exit(0), () => process.exit(1))"],
    { cwd: repositoryRoot, stdio: 'ignore' },
  );
  return probe.status === 0;
}

export function ensureDependencies() {
  const reason = dependenciesOutOfDate();
  if (!reason) return;
  const locked = existsSync(join(repositoryRoot, 'package-lock.json'));
  const cached = locked ? compiledAddons.map(addonCachePath) : [];
  if (locked && cached.every((path) => path && existsSync(path))) {
    say(`installing dependencies (${reason}), reusing compiled native addons from ${addonCacheRoot}`);
    run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts']);
    compiledAddons.forEach((addon, i) => {
      mkdirSync(join(repositoryRoot, 'node_modules', addon.name, 'build', 'Release'), { recursive: true });
      copyFileSync(cached[i], addonBuildPath(addon));
    });
    if (addonsLoad()) return;
    say('the cached native addons do not load here; compiling them');
    run('npm', ['rebuild', ...compiledAddons.map((addon) => addon.name)]);
    return;
  }
  say(`installing dependencies (${reason})`);
  run('npm', locked ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
  if (!locked) return;
  compiledAddons.forEach((addon, i) => {
    if (!cached[i] || !existsSync(addonBuildPath(addon))) return;
    try {
      mkdirSync(join(cached[i], '..'), { recursive: true });
      copyFileSync(addonBuildPath(addon), cached[i]);
    } catch {
      // A read-only home only costs the next clone a compile.
    }
  });
}

function newestSourceChange() {
  let newest = Math.max(0, ...buildConfigs.map((file) => modifiedAt(join(repositoryRoot, file)) ?? 0));
  const visit = (folder) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, modifiedAt(path) ?? 0);
    }
  };
  for (const folder of sourceFolders) visit(join(repositoryRoot, folder));
  return newest;
}

/** Why the build must run, or null when dist is newer than every source file. */
function buildOutOfDate(entry) {
  if (!existsSync(entry)) return `${entry.slice(repositoryRoot.length + 1)} is missing`;
  const builtAt = modifiedAt(buildStamp);
  if (builtAt === null) return 'no build stamp';
  return newestSourceChange() > builtAt ? 'sources changed since the last build' : null;
}

export function ensureBuilt(entry = standaloneEntry) {
  const reason = buildOutOfDate(entry);
  if (!reason) return;
  say(`building (${reason})`);
  const startedAt = new Date();
  run('npm', ['run', '--silent', 'build']);
  // Dated when the compiler started, so a source saved while it ran still counts as newer than the build.
  writeFileSync(buildStamp, `${startedAt.toISOString()}\n`);
  utimesSync(buildStamp, startedAt, startedAt);
}

const consoleSources = [join(repositoryRoot, 'apps', 'console'), join(repositoryRoot, 'reference-data', 'administrative-units.json')];
export const consoleEntry = join(repositoryRoot, 'dist', 'console', 'index.html');

function newestChangeUnder(path) {
  let newest = 0;
  const visit = (current) => {
    let stat;
    try {
      stat = statSync(current);
    } catch {
      return;
    }
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(current)) if (entry !== 'node_modules') visit(join(current, entry));
  };
  visit(path);
  return newest;
}

/**
 * Builds the web console (`npm run build:console`, Vite) when dist/console/index.html is missing or older than
 * its sources. A failed console build is reported and does not stop the API: the server then answers / with a
 * page saying the console is not built.
 */
export function ensureConsoleBuilt() {
  const builtAt = modifiedAt(consoleEntry);
  const newest = Math.max(modifiedAt(join(repositoryRoot, 'package-lock.json')) ?? 0, ...consoleSources.map(newestChangeUnder));
  if (builtAt !== null && newest <= builtAt) return;
  say(`building the web console (${builtAt === null ? 'dist/console is missing' : 'its sources changed'})`);
  try {
    run('npm', ['run', '--silent', 'build:console']);
  } catch (error) {
    say(`the web console did not build (${error instanceof Error ? error.message : String(error)}); the API still starts`);
  }
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    ensureDependencies();
    ensureBuilt(process.argv[2] ? resolve(repositoryRoot, process.argv[2]) : standaloneEntry);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

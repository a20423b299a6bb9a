// `npm start`: installs and builds when needed (the services and the web console), then runs the standalone
// registry (all four services in one process, the console at /). PORT (default 3000) and VAXLEDGER_DATA_DIR
// (default ./data) are read by the app itself.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureBuilt, ensureConsoleBuilt, ensureDependencies, repositoryRoot, standaloneEntry } from './ensure-built.mjs';

try {
  ensureDependencies();
  ensureBuilt(standaloneEntry);
  ensureConsoleBuilt();
} catch (error) {
  process.stderr.write(`[start] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

if (!existsSync(standaloneEntry)) {
  process.stderr.write(`[start] the build produced no ${standaloneEntry}: is apps/standalone/src/main.ts there?\n`);
  process.exit(1);
}

// The app gets its own process group so a Ctrl-C reaches it once, through us: a terminal signal would otherwise
// arrive directly and again forwarded by npm and by us, and a repeated SIGINT cuts a graceful shutdown short.
const app = spawn(process.execPath, [...process.execArgv, standaloneEntry, ...process.argv.slice(2)], {
  cwd: repositoryRoot,
  stdio: 'inherit',
  env: process.env,
  detached: true,
});

const lastForwarded = new Map();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (app.exitCode !== null || app.signalCode !== null) return;
    // npm forwards the terminal's signal to us as well: the same signal twice within a moment is one request.
    const now = Date.now();
    if (now - (lastForwarded.get(signal) ?? 0) < 1000) return;
    lastForwarded.set(signal, now);
    app.kill(signal);
  });
}
process.on('exit', () => {
  if (app.exitCode === null && app.signalCode === null) app.kill('SIGTERM');
});

app.on('error', (error) => {
  process.stderr.write(`[start] could not run the app: ${error.message}\n`);
  process.exit(1);
});

app.on('exit', (code, signal) => {
  if (signal) {
    // Exit the way the app did, so a supervisor sees the same signal.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});

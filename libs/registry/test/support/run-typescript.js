/**
 * Runs a TypeScript module of this repository in a plain Node child process (no build): transpiles `.ts` on
 * require and maps `@vaxledger/<lib>` to `libs/<lib>/src`. The import suites use it to run the real CLI
 * command in a process they can kill.
 *
 *   node run-typescript.js <module.ts> <exported function> [args...]
 * The function receives the remaining arguments and its resolved number becomes the exit code.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook: require is the point */
// The same require hook the standalone app uses to run its pipeline process from the sources.
require('../../../testing/src/typescript-require-hook.js');
const path = require('node:path');

const [file, exportName, ...args] = process.argv.slice(2);
require('reflect-metadata');
const target = require(path.resolve(file))[exportName];
Promise.resolve(target(args)).then(
  (code) => process.exit(typeof code === 'number' ? code : 0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

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
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '../../../..');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  resolveJsonModule: true,
  isolatedModules: true,
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const alias = /^@vaxledger\/([a-z-]+)$/.exec(request);
  return resolveFilename.call(this, alias ? path.join(root, 'libs', alias[1], 'src') : request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

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

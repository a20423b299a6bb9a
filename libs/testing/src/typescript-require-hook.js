/**
 * A require hook that lets a plain Node process load this repository's TypeScript sources (no build):
 * transpiles `.ts` on require and maps `@vaxledger/<lib>` to `libs/<lib>/src`. The standalone app uses it to
 * start its pipeline process when it runs from sources (tests): `node --require <this file> pipeline-main.ts`.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook: require is the point */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '../../..');
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

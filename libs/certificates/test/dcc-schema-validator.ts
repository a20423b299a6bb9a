/** ajv over the eu-dcc-schema 1.3.0 combined schema copied in reference-data/eu-dcc-schema. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const schemaPath = join(__dirname, '..', '..', '..', 'reference-data', 'eu-dcc-schema', 'DCC.combined-schema.json');

export function dccSchemaValidator() {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  // The schema names its value set files with a keyword of its own; ajv must know it to stay strict.
  ajv.addKeyword('valueset-uri');
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

export function valueSetCodes(file: string): Set<string> {
  const json = JSON.parse(readFileSync(join(schemaPath, '..', 'valuesets', file), 'utf8'));
  return new Set(Object.keys(json.valueSetValues ?? json));
}

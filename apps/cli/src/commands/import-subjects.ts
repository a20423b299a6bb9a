/**
 * `npm run cli -- import subjects <file.csv> [--facility CODE|ID] [--province CODE] [--batch-size N] [--data-dir DIR]`
 *
 * Imports legacy subjects into the standalone data directory (`--data-dir`, else `VAXLEDGER_DATA_DIR`, else
 * ./data) directly: the registry's SQLite event store, the same deciders and reservation streams as the HTTP
 * API. Safe beside a running standalone process (SQLite WAL; its projections follow the shared file within a
 * second) and safe to re-run or resume after a crash: rows already imported are skipped. Columns: docs/import.md.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { SqliteEventStore } from '@vaxledger/event-store';
import { secretFromEnvOrFile } from '@vaxledger/infrastructure';
import { systemClock } from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import {
  checkedRowsInWorker,
  checkedRowsWorkerAvailable,
  findFacility,
  LookupHasher,
  openRegistryCollections,
  SubjectCsvImporter,
  SubjectStreams,
  type ImportFacility,
  type ImportSummary,
} from '@vaxledger/registry';
import { type CliCommand, type CliContext, exitCodes, runCli } from '../cli-command';

/**
 * Bulk-load settings of the importer's own connection. Reservation streams are named by a keyed hash, so each
 * batch inserts at random places of the stream index: a large page cache keeps that index in memory, and rare
 * checkpoints write each touched page once for many batches instead of once per batch. Commits stay durable:
 * an imported row is acknowledged only once its commit is fsynced.
 *
 * Memory is the page cache (`--cache-mib`, default 128) plus about two batches of rows in flight (the one being
 * committed and the one the parsing worker prepares; `--batch-size`, default 2,000) plus Node's own ~100 MB.
 * The importer peaked at 1,018 MB at 10M subjects with a 256 MiB cache and batches of 20,000; the defaults
 * here keep it well inside 1 GiB (see docs/performance.md#memory).
 */
export const defaultImportCacheMiB = 128;
const importStoreOptions = { walAutocheckpointPages: 65_536, checkpointsOffThread: false };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function option(context: CliContext, name: string): string | null {
  const value = context.options[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

export const importSubjectsCliCommand: CliCommand = {
  words: ['import', 'subjects'],
  summary: 'Registers legacy subjects from a CSV file (idempotent, resumable); rejected rows go to <file>.rejected.csv.',
  usage: '<file.csv> [--facility CODE|ID] [--province CODE] [--batch-size N] [--cache-mib N] [--data-dir DIR]',
  options: {
    facility: { type: 'string' },
    province: { type: 'string' },
    'batch-size': { type: 'string' },
    'cache-mib': { type: 'string' },
    'data-dir': { type: 'string' },
  },
  allowPositionals: true,
  async run(context) {
    const [fileArgument, ...extra] = context.positionals;
    const batchSize = Number(option(context, 'batch-size') ?? 2000);
    if (!fileArgument || extra.length > 0 || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
      context.stderr.write(`Usage: import subjects ${importSubjectsCliCommand.usage}\n(--batch-size between 1 and 50000)\n`);
      return exitCodes.usage;
    }
    const cacheMiB = Number(option(context, 'cache-mib') ?? defaultImportCacheMiB);
    if (!Number.isSafeInteger(cacheMiB) || cacheMiB < 8 || cacheMiB > 8192) {
      context.stderr.write('--cache-mib needs a whole number of MiB between 8 and 8192.\n');
      return exitCodes.usage;
    }
    const file = resolve(fileArgument);
    if (!existsSync(file)) {
      context.stderr.write(`No such file: ${file}\n`);
      return exitCodes.usage;
    }
    const dataDir = resolve(option(context, 'data-dir') ?? context.env.VAXLEDGER_DATA_DIR ?? './data');
    const facilityArgument = option(context, 'facility');
    const provinceArgument = option(context, 'province');
    const lookupKey = secretFromEnvOrFile(context.env.VAXLEDGER_LOOKUP_KEY, join(dataDir, 'keys', 'lookup.key'));
    mkdirSync(join(dataDir, 'registry'), { recursive: true });
    const eventStore = new SqliteEventStore(join(dataDir, 'registry', 'events.db'), {
      ...importStoreOptions,
      cacheSizeKiB: cacheMiB * 1024,
    });
    const readModels = new SqliteReadModelStore(join(dataDir, 'registry', 'read-models.db'));
    try {
      const { facilities } = await openRegistryCollections(readModels);
      const resolveFacility = async (codeOrId: string): Promise<ImportFacility | null> => {
        const known = await findFacility(facilities, codeOrId);
        if (known) return { facilityId: known.id, provinceCode: known.provinceCode };
        // A facility the registry has not heard of yet may still be named by id, with its province given by hand.
        if (provinceArgument && uuidPattern.test(codeOrId)) return { facilityId: codeOrId, provinceCode: provinceArgument };
        return null;
      };
      let defaultFacility: ImportFacility | null = null;
      if (facilityArgument) {
        defaultFacility = await resolveFacility(facilityArgument);
        if (!defaultFacility) {
          context.stderr.write(
            `Unknown facility "${facilityArgument}": give a facility code or id the registry knows, or an id with --province.\n`,
          );
          return exitCodes.usage;
        }
      }

      const hasher = LookupHasher.fromRoot(lookupKey);
      const importer = new SubjectCsvImporter(eventStore, new SubjectStreams(eventStore, hasher), hasher, systemClock);
      // The bar goes to stderr (and only to a terminal), so stdout carries just the summary.
      const bar = new SingleBar({
        format: 'subjects |{bar}| {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
        etaBuffer: 20,
        hideCursor: true,
        stream: process.stderr,
      });
      const started = Date.now();
      bar.start(1, 0, { rows: 0, rate: 0 });
      let summary: ImportSummary;
      try {
        summary = await importer.importFile(file, {
          defaultFacility,
          resolveFacility,
          batchSize,
          // Parsing and validation on the second core, overlapping the commits; in-thread when run from sources.
          checkedRows: checkedRowsWorkerAvailable() ? checkedRowsInWorker(hasher) : undefined,
          onProgress: (p) => {
            const seconds = Math.max(0.001, (Date.now() - started) / 1000);
            bar.setTotal(p.totalBytes || 1);
            bar.update(p.bytesRead, { rows: p.rowsRead, rate: Math.round(p.rowsRead / seconds) });
          },
        });
        bar.update(summary.totalBytes || 1, { rows: summary.rowsRead, rate: rateOf(summary) });
      } finally {
        bar.stop();
      }
      context.stdout.write(describe(summary));
      return exitCodes.ok;
    } finally {
      await eventStore.close();
      await readModels.close();
    }
  },
};

/** The command on its own, with this process's streams (for a child process running just the import). */
export function importSubjectsCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = argv[0] === 'import' && argv[1] === 'subjects' ? argv : ['import', 'subjects', ...argv];
  return runCli(args, { commands: [importSubjectsCliCommand], env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
}

function rateOf(summary: ImportSummary): number {
  return Math.round(summary.rowsRead / Math.max(0.001, summary.durationMs / 1000));
}

function describe(summary: ImportSummary): string {
  const lines = [
    `rows read:        ${summary.rowsRead}`,
    `imported:         ${summary.imported}`,
    `already present:  ${summary.alreadyPresent} (skipped)`,
    `rejected:         ${summary.rejected}${summary.rejectedReport ? ` (see ${summary.rejectedReport})` : ''}`,
    `time:             ${(summary.durationMs / 1000).toFixed(1)} s (${rateOf(summary)} rows/s)`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The services' event logs as audit sources. Standalone: the SQLite event stores of the data directory
 * (`<data dir>/<service>/events.db`), with each relay's checkpoint as the delivered position. Distributed:
 * AUDIT_SOURCE_EVENT_STORES names each service's store (EventStoreDB, or its SQLite stand-in), read with
 * read-only credentials of the audit service. Which events a log publishes to the trail is decided by the
 * producing service's own integration mapper, so audit never keeps a second list that could drift.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore } from '@vaxledger/event-store';
import { identityIntegration } from '@vaxledger/identity';
import { immunizationIntegration, loadVaccineCatalogue, VACCINES_FILE_ENV } from '@vaxledger/immunization';
import type { EventStore, IntegrationMapper, RecordedEvent } from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { registryIntegration } from '@vaxledger/registry';
import { ConfigError } from '@vaxledger/runtime';
import type { AuditSettings } from '../audit-settings';
import type { AuditSource } from './audit-source';

export const sourceServices = ['identity', 'registry', 'immunization'] as const;
export type SourceService = (typeof sourceServices)[number];

export interface SourceMapperInputs {
  /** The lookup key the producing services key pseudonyms with (only changes reporting ids, not which events). */
  lookupKey: Buffer;
  /** Process settings (the vaccine catalogue file). */
  settings: Record<string, string | undefined>;
}

export function integrationMapperOf(service: SourceService, inputs: SourceMapperInputs): IntegrationMapper {
  switch (service) {
    case 'identity':
      return identityIntegration;
    case 'registry':
      return registryIntegration;
    case 'immunization':
      return immunizationIntegration(inputs.lookupKey, loadVaccineCatalogue(inputs.settings[VACCINES_FILE_ENV]));
  }
}

/** A service's event store read as a source; `relayCheckpoint` is where its relay stands, when known. */
export class EventLogSource implements AuditSource {
  constructor(
    readonly name: string,
    private readonly log: EventStore,
    private readonly mapper: IntegrationMapper,
    private readonly relayCheckpoint: () => Promise<number | null> = async () => null,
    private readonly closeAll: () => Promise<void> = () => log.close(),
  ) {}

  readAll(after: number | null, maxCount: number): Promise<RecordedEvent[]> {
    return this.log.readAll({ after, maxCount });
  }

  expectsInTrail(event: RecordedEvent): boolean {
    try {
      return this.mapper(event).some(({ message }) => message.id === event.metadata.eventId);
    } catch {
      // The relay could not have published it either; counting it as expected makes the problem visible.
      return true;
    }
  }

  deliveredThrough(): Promise<number | null> {
    return this.relayCheckpoint();
  }

  close(): Promise<void> {
    return this.closeAll();
  }
}

/** Standalone: every service log present in the data directory. */
export function standaloneSources(dataDir: string, inputs: SourceMapperInputs): AuditSource[] {
  return sourceServices.flatMap((service) => {
    const eventsFile = join(dataDir, service, 'events.db');
    if (!existsSync(eventsFile)) return [];
    const log = new SqliteEventStore(eventsFile);
    const readModelsFile = join(dataDir, service, 'read-models.db');
    let readModels: SqliteReadModelStore | null = null;
    const relayCheckpoint = async () => {
      if (!existsSync(readModelsFile)) return null;
      readModels ??= new SqliteReadModelStore(readModelsFile);
      return readModels.getCheckpoint(`relay:${service}`);
    };
    return [
      new EventLogSource(service, log, integrationMapperOf(service, inputs), relayCheckpoint, async () => {
        await log.close();
        await readModels?.close();
      }),
    ];
  });
}

/** Parses AUDIT_SOURCE_EVENT_STORES: `identity=esdb://…,registry=sqlite:/var/…/events.db`. */
export function parseSourceEventStores(value: string): Array<{ service: SourceService; url: string }> {
  const problems: string[] = [];
  const parsed = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const at = part.indexOf('=');
      const service = part.slice(0, at) as SourceService;
      const url = part.slice(at + 1);
      if (at < 1 || !sourceServices.includes(service)) {
        problems.push(`"${part.slice(0, Math.max(at, 0)) || part}" is not one of ${sourceServices.join(', ')}`);
        return [];
      }
      if (!/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\//.test(url) && !url.startsWith('sqlite:')) {
        problems.push(`${service}: the store must be an esdb:// connection string or sqlite:<path>`);
        return [];
      }
      return [{ service, url }];
    });
  const missing = sourceServices.filter((service) => !parsed.some((p) => p.service === service));
  if (missing.length) problems.push(`missing ${missing.join(', ')}`);
  if (problems.length) throw new ConfigError(problems.map((p) => `AUDIT_SOURCE_EVENT_STORES: ${p}`));
  return parsed;
}

/** Distributed: the stores AUDIT_SOURCE_EVENT_STORES names (required: verify must reach the sources). */
export function distributedSources(settings: AuditSettings, inputs: SourceMapperInputs): AuditSource[] {
  if (!settings.AUDIT_SOURCE_EVENT_STORES)
    throw new ConfigError([
      'AUDIT_SOURCE_EVENT_STORES: audit verify reconciles the trail with every service event log; name them (not set)',
    ]);
  return parseSourceEventStores(settings.AUDIT_SOURCE_EVENT_STORES).map(({ service, url }) => {
    const log: EventStore = url.startsWith('sqlite:')
      ? new SqliteEventStore(url.slice('sqlite:'.length).replace(/^\/\//, ''))
      : new EventStoreDbEventStore(url);
    return new EventLogSource(service, log, integrationMapperOf(service, inputs));
  });
}

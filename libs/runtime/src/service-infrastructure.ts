import type { KeyObject } from 'node:crypto';
import type { PurposeKeys } from './purpose-keys';
import type { Clock, EventBus, EventStore, KeyValueStore, MessageDelivery, ReadModelStore } from '@vaxledger/kernel';
import type { ReadinessRegistry } from './health';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export type ServiceName = 'identity' | 'registry' | 'immunization' | 'audit';

/**
 * Where a service's background work (projections, relay, consumers, timers) runs. Absent: in this process,
 * as in distributed mode and the CLI. Standalone splits it: the HTTP process answers requests and leaves the
 * pipeline to a second process with its own connections to the same files, so both cores work.
 */
export type BackgroundWork =
  | {
      runsHere: true;
      /**
       * This process runs the pipeline for another: report how far the read models are, and readiness. One log
       * can feed several pipelines (immunization's feeds the certificates pipeline too), so each report names
       * the pipeline it is about: a write is visible once every pipeline of its log has projected it.
       */
      onProjected?: (position: number, pipeline: string) => void;
      onReady?: (ready: boolean, pipeline: string) => void;
    }
  | {
      runsHere: false;
      /** Whether the process that runs this service's pipeline has caught up (readiness of this process). */
      caughtUp: () => boolean;
    };

/**
 * Everything a service needs from the outside world, as ports. The distributed entry points fill it with
 * EventStoreDB/Kafka/Mongo/Redis adapters, the standalone one with SQLite/in-process/memory adapters; the
 * service code cannot tell the difference.
 */
export interface ServiceInfrastructure {
  service: ServiceName;
  eventStore: EventStore;
  readModels: ReadModelStore;
  kv: KeyValueStore;
  bus: EventBus;
  delivery: MessageDelivery;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessRegistry;
  keys: {
    /** Verifies access and step-up tokens (every service): the current key, which identity signs with. */
    tokenPublicKey: KeyObject;
    /** Earlier public keys still honoured during a rotation (`JWT_PREVIOUS_PUBLIC_KEYS`), chosen by `kid`. */
    previousTokenPublicKeys?: KeyObject[];
    /** Signs tokens (identity only). */
    tokenPrivateKey?: KeyObject;
    /**
     * The root secret (`VAXLEDGER_LOOKUP_KEY`): identity only, which seals authenticator secrets under a key
     * derived from it. Empty in every other service: they get their purpose keys below.
     */
    lookupKey: Buffer;
    /** Keys derived from the root for this service's purposes only (see purpose-keys.ts). */
    purposeKeys: PurposeKeys;
    /** Ed25519 key that signs audit checkpoints (audit only). */
    auditSigningKey?: KeyObject;
  };
  /** Standalone only: where the process keeps its files. */
  dataDir?: string;
  /** Settings every service may tune; each service validates its own extras. */
  settings: Record<string, string | undefined>;
  /** Where the background pipeline runs; absent means here. */
  background?: BackgroundWork;
}

/** True when this process runs the service's pipeline and timers. */
export function runsBackgroundWork(infra: ServiceInfrastructure): boolean {
  return infra.background?.runsHere !== false;
}

/** Injection tokens for the ports, so services depend on interfaces only. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODELS = Symbol('READ_MODELS');
export const KV_STORE = Symbol('KV_STORE');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const MESSAGE_DELIVERY = Symbol('MESSAGE_DELIVERY');
export const CLOCK = Symbol('CLOCK');
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
export const INFRASTRUCTURE = Symbol('INFRASTRUCTURE');

/** The providers a service module registers for its infrastructure. */
export function infrastructureProviders(infra: ServiceInfrastructure) {
  return [
    { provide: INFRASTRUCTURE, useValue: infra },
    { provide: EVENT_STORE, useValue: infra.eventStore },
    { provide: READ_MODELS, useValue: infra.readModels },
    { provide: KV_STORE, useValue: infra.kv },
    { provide: EVENT_BUS, useValue: infra.bus },
    { provide: MESSAGE_DELIVERY, useValue: infra.delivery },
    { provide: CLOCK, useValue: infra.clock },
    { provide: LOGGER, useValue: infra.logger.child({ module: infra.service }) },
    { provide: METRICS, useValue: infra.metrics },
  ];
}

/** Audit's Prometheus counters, registered once per registry (the standalone process shares one). */
import { Counter, type Registry } from 'prom-client';
import type { Metrics } from '@vaxledger/runtime';

export interface AuditMetrics {
  entriesAppended: Counter<'topic'>;
  duplicatesSkipped: Counter<'topic'>;
  parked: Counter<'topic'>;
  appendConflicts: Counter<string>;
  checkpointsSigned: Counter<'kind'>;
  entriesRetired: Counter<string>;
  anchorFailures: Counter<'anchor'>;
}

export function auditMetrics(metrics: Metrics): AuditMetrics {
  const registry = metrics.registry;
  return {
    entriesAppended: counter(
      registry,
      'vaxledger_audit_trail_entries_total',
      'Entries appended to the audit trail.',
      ['topic'],
    ),
    duplicatesSkipped: counter(
      registry,
      'vaxledger_audit_trail_duplicates_total',
      'Messages delivered again whose event id the trail already holds (stored once).',
      ['topic'],
    ),
    parked: counter(
      registry,
      'vaxledger_audit_parked_total',
      'Messages the trail could not read, parked with their error.',
      ['topic'],
    ),
    appendConflicts: counter(
      registry,
      'vaxledger_audit_trail_append_conflicts_total',
      'Appends refused by the trail unique indexes (another writer took the sequence); retried from the new head.',
      [],
    ),
    checkpointsSigned: counter(
      registry,
      'vaxledger_audit_checkpoints_total',
      'Signed trail checkpoints written.',
      ['kind'],
    ),
    entriesRetired: counter(
      registry,
      'vaxledger_audit_entries_retired_total',
      'Trail entries removed by retention.',
      [],
    ),
    anchorFailures: counter(
      registry,
      'vaxledger_audit_anchor_failures_total',
      'Signed checkpoints that could not be written to an anchor (file or Kafka topic).',
      ['anchor'],
    ),
  };
}

function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

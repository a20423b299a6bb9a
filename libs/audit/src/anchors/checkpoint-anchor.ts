/**
 * Anchors: places outside the trail's database where every signed checkpoint is also written, so whoever can
 * write that database cannot delete or rewrite the checkpoints in the same stroke. Both modes append to a
 * JSON-lines file in a directory of its own (`AUDIT_ANCHOR_DIR`, shipped off the machine by operations);
 * distributed mode also publishes to the compacted Kafka topic `vaxledger.audit.checkpoints.v1`.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@vaxledger/contracts';
import { type CloudEvent, type EventBus, newId } from '@vaxledger/kernel';
import { type SignedCheckpoint, signedCheckpointContent } from '../domain/signed-checkpoint';

export interface CheckpointAnchor {
  readonly name: string;
  anchor(checkpoint: SignedCheckpoint): Promise<void>;
}

/**
 * One line of the anchor file: the checkpoint, plus `signed` — the exact text the signature covers — so a
 * third party can check it with `openssl` and a JSON tool, without our code (docs/audit.md).
 */
export interface AnchorLine extends SignedCheckpoint {
  signed: string;
}

export const anchorFileName = 'checkpoints.jsonl';

export function anchorFileIn(directory: string): string {
  return join(directory, anchorFileName);
}

export function anchorLineOf(checkpoint: SignedCheckpoint): AnchorLine {
  const { kind, sequence, hash, at, signature, keyId } = checkpoint;
  return { kind, sequence, hash, at, keyId, signature, signed: signedCheckpointContent(checkpoint) };
}

/** Appends one line per checkpoint and fsyncs it: an anchor that a power cut can lose is no anchor. */
export class AnchorFile implements CheckpointAnchor {
  readonly name = 'anchor-file';

  constructor(readonly file: string) {}

  static inDirectory(directory: string): AnchorFile {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    return new AnchorFile(anchorFileIn(directory));
  }

  async anchor(checkpoint: SignedCheckpoint): Promise<void> {
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(anchorLineOf(checkpoint))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

export class AnchorFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'AnchorFileError';
  }
}

/**
 * Reads an anchor file (the live one, or a copy kept elsewhere). A line that is not a checkpoint is an error,
 * never skipped: a damaged anchor must be noticed. The `signed` text, when present, must agree with the
 * fields (they are what verification uses). A missing file reads as no anchors.
 */
export function readAnchorFile(file: string): SignedCheckpoint[] {
  if (!existsSync(file)) return [];
  const checkpoints: SignedCheckpoint[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      let line: Partial<AnchorLine>;
      try {
        line = JSON.parse(text) as Partial<AnchorLine>;
      } catch {
        throw new AnchorFileError(file, index + 1, 'not JSON');
      }
      const { kind, sequence, hash, at, signature, keyId } = line;
      if (
        (kind !== 'periodic' && kind !== 'retention' && kind !== 'export') ||
        !Number.isSafeInteger(sequence) ||
        typeof hash !== 'string' ||
        typeof at !== 'string' ||
        typeof signature !== 'string' ||
        typeof keyId !== 'string'
      )
        throw new AnchorFileError(file, index + 1, 'not a signed checkpoint');
      const checkpoint: SignedCheckpoint = { kind, sequence: sequence!, hash, at, signature, keyId };
      if (line.signed !== undefined && line.signed !== signedCheckpointContent(checkpoint))
        throw new AnchorFileError(file, index + 1, 'its "signed" text does not match its fields');
      checkpoints.push(checkpoint);
    });
  return checkpoints;
}

/** Distributed: each checkpoint as a CloudEvent on the compacted checkpoint topic, keyed `<kind>:<sequence>`. */
export class KafkaCheckpointAnchor implements CheckpointAnchor {
  readonly name = 'kafka';

  constructor(private readonly bus: EventBus) {}

  async anchor(checkpoint: SignedCheckpoint): Promise<void> {
    const message: CloudEvent<AnchorLine> = {
      specversion: '1.0',
      id: newId(),
      source: '/vaxledger/audit',
      type: 'vaxledger.audit.checkpoint.signed',
      time: checkpoint.at,
      datacontenttype: 'application/json',
      partitionkey: `${checkpoint.kind}:${checkpoint.sequence}`,
      data: anchorLineOf(checkpoint),
    };
    await this.bus.publish(Topics.auditCheckpoints, [message]);
  }
}

/** A bus that can read a topic from its start (KafkaEventBus). */
export interface TopicFromStartReader {
  readFromStart(topic: string, groupPrefix: string): Promise<CloudEvent[]>;
}

/** Audit's own consumer-group prefix (the ACLs let audit join `audit.*` groups only). */
const anchorReadGroup = 'audit.checkpoint-anchor-read';

export function canReadFromStart(bus: unknown): bus is TopicFromStartReader {
  return typeof (bus as Partial<TopicFromStartReader>)?.readFromStart === 'function';
}

/**
 * The checkpoints anchored on the Kafka topic, read from its start. A message that is not a signed checkpoint
 * is an error, as a damaged line of the anchor file is.
 */
export async function readKafkaAnchors(bus: TopicFromStartReader, topic: string = Topics.auditCheckpoints): Promise<SignedCheckpoint[]> {
  const checkpoints: SignedCheckpoint[] = [];
  for (const [index, message] of (await bus.readFromStart(topic, anchorReadGroup)).entries()) {
    const line = (message.data ?? {}) as Partial<AnchorLine>;
    const { kind, sequence, hash, at, signature, keyId } = line;
    if (
      message.type !== 'vaxledger.audit.checkpoint.signed' ||
      (kind !== 'periodic' && kind !== 'retention' && kind !== 'export') ||
      !Number.isSafeInteger(sequence) ||
      typeof hash !== 'string' ||
      typeof at !== 'string' ||
      typeof signature !== 'string' ||
      typeof keyId !== 'string'
    )
      throw new AnchorFileError(`kafka:${topic}`, index + 1, 'not a signed checkpoint');
    checkpoints.push({ kind, sequence: sequence!, hash, at, signature, keyId });
  }
  // One partition keeps its order; across partitions, the trail's order.
  return checkpoints.sort((a, b) => a.sequence - b.sequence || a.at.localeCompare(b.at));
}

/**
 * Distributed verify: the anchor file and the Kafka topic together. Whoever deletes checkpoints from the trail's
 * database must also reach both; either one unreadable is reported, never skipped.
 */
export async function readAnchorsWithKafka(
  file: string,
  bus: TopicFromStartReader,
  topic: string = Topics.auditCheckpoints,
): Promise<{ file: string; checkpoints: SignedCheckpoint[] } | { file: string; error: string }> {
  const where = `${file} + kafka:${topic}`;
  try {
    const fromFile = readAnchorFile(file);
    const fromKafka = await readKafkaAnchors(bus, topic);
    const seen = new Set<string>();
    const checkpoints = [...fromFile, ...fromKafka].filter((c) => {
      const key = `${c.kind}:${c.sequence}:${c.signature}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { file: where, checkpoints };
  } catch (error) {
    return { file: where, error: (error as Error).message };
  }
}

/** The anchors as verify takes them: the checkpoints of a file, or why it cannot be read. */
export function readAnchors(file: string): { file: string; checkpoints: SignedCheckpoint[] } | { file: string; error: string } {
  try {
    return { file, checkpoints: readAnchorFile(file) };
  } catch (error) {
    return { file, error: (error as Error).message };
  }
}

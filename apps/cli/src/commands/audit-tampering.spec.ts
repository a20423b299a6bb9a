/**
 * Tampering with a copy of a real standalone trail, as someone holding the data directory would: each attack
 * must make `audit verify` exit non-zero and `GET /api/v1/audit/verify` answer ok:false, naming the first
 * problem. The trail is filled through the real app (registrations and reads in registry), so its sources —
 * the services' event logs — are real too.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import {
  anchorLineOf,
  type ChainHead,
  genesisHead,
  sealEntry,
  type SignedCheckpoint,
  signCheckpoint,
  SqliteTrailStore,
  type TrailEntry,
} from '@vaxledger/audit';
import { newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { runCli } from '../cli-command';
import { auditCommands } from './audit';

async function cli(dataDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    commands: auditCommands,
    env: { ...process.env, VAXLEDGER_DATA_DIR: dataDir, AUDIT_TRAIL_MONGO_URL: '' },
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    stdin: new PassThrough(),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const trailDb = (dataDir: string) => join(dataDir, 'audit', 'trail.db');
const anchorFile = (dataDir: string) => join(dataDir, 'audit-anchors', 'checkpoints.jsonl');

function dropTriggers(dataDir: string): void {
  const db = new Database(trailDb(dataDir));
  db.exec(`DROP TRIGGER IF EXISTS trail_is_append_only; DROP TRIGGER IF EXISTS trail_deletes_only_behind_retention;
    DROP TRIGGER IF EXISTS checkpoints_are_append_only_on_update; DROP TRIGGER IF EXISTS checkpoints_are_append_only_on_delete;`);
  db.close();
}

function sql(dataDir: string, statements: string): void {
  const db = new Database(trailDb(dataDir));
  db.exec(statements);
  db.close();
}

async function readEntries(dataDir: string): Promise<TrailEntry[]> {
  const store = new SqliteTrailStore(trailDb(dataDir));
  try {
    return await store.read({ limit: 100_000 });
  } finally {
    await store.close();
  }
}

/** Replaces the whole chain with `entries` re-sequenced from 1 and re-hashed: a consistent, rewritten chain. */
async function rebuildChain(dataDir: string, entries: TrailEntry[]): Promise<TrailEntry[]> {
  let head: ChainHead = genesisHead;
  const rebuilt = entries.map((entry) => {
    const { sequence: _s, receivedAt, prevHash: _p, hash: _h, ...draft } = entry;
    const sealed = sealEntry(draft, head, new Date(receivedAt));
    head = { sequence: sealed.sequence, hash: sealed.hash };
    return sealed;
  });
  dropTriggers(dataDir);
  sql(dataDir, 'DELETE FROM trail');
  const store = new SqliteTrailStore(trailDb(dataDir));
  try {
    await store.append(rebuilt);
  } finally {
    await store.close();
  }
  return rebuilt;
}

/** The deployment's own trail signing key, as start-up wrote it into the data directory. */
async function deploymentSigningKey(dataDir: string): Promise<KeyObject> {
  return createPrivateKey(readFileSync(join(dataDir, 'keys', 'audit-signing.pem'), 'utf8'));
}

/** Deletes every checkpoint and signs new ones over the (rewritten) chain with `key`. */
async function resign(dataDir: string, entries: TrailEntry[], key: KeyObject, every: number): Promise<SignedCheckpoint[]> {
  dropTriggers(dataDir);
  sql(dataDir, 'DELETE FROM checkpoints');
  const store = new SqliteTrailStore(trailDb(dataDir));
  const signed: SignedCheckpoint[] = [];
  try {
    for (const entry of entries.filter((e, i) => (i + 1) % every === 0 || i === entries.length - 1)) {
      const checkpoint = signCheckpoint('periodic', entry, new Date(entry.receivedAt), key);
      await store.saveCheckpoint(checkpoint);
      signed.push(checkpoint);
    }
  } finally {
    await store.close();
  }
  return signed;
}

describe('tampering with the audit trail', () => {
  const root = mkdtempSync(join(tmpdir(), 'vaxledger-audit-tamper-'));
  const dataDir = join(root, 'data');
  const checkpointEvery = 5;
  let entryCount = 0;

  beforeAll(async () => {
    const app = await StandaloneTestApp.start({ dataDir, env: { AUDIT_CHECKPOINT_EVERY: String(checkpointEvery) } });
    try {
      await fill(app);
    } finally {
      await app.close({ keepData: true });
    }
  });

  async function fill(app: StandaloneTestApp): Promise<void> {
    const staff = await app.tokenFor({
      role: 'staff',
      rights: ['data_entry', 'subject_management'],
      facilityId: newId(),
      provinceCode: '79',
    });
    for (let n = 0; n < 6; n++) {
      const registered = await app.request('POST', '/api/v1/subjects', {
        token: staff,
        body: {
          fullName: `Trần Thị ${['An', 'Bình', 'Cúc', 'Dung', 'Hà', 'Lan'][n]}`,
          dateOfBirth: '1990-01-0' + (n + 1),
          gender: 'female',
          // CCCD: province 079, century-and-sex digit 1 (a woman born in the 1900s), birth year 90.
          idDocument: { type: 'CCCD', number: `0791900000${String(n).padStart(2, '0')}` },
          phone: `09031234${String(n).padStart(2, '0')}`,
          address: { provinceCode: '79', line: `${n} Lê Lợi` },
        },
      });
      if (registered.status !== 201) throw new Error(`registration answered ${registered.status}: ${JSON.stringify(registered.body)}`);
      const read = await app.request('GET', `/api/v1/subjects/${registered.body.subjectId}`, {
        token: staff,
        headers: { 'x-purpose': 'vaccination' },
      });
      expect(read.status).toBe(200);
    }
    const auditor = await app.tokenFor({ role: 'auditor' });
    const report = await eventually(async () => {
      const response = await app.request('GET', '/api/v1/audit/verify', { token: auditor });
      const registry = response.body.sources?.find((s: { source: string }) => s.source === 'registry');
      return response.body.ok && registry?.inTrail >= 12 ? response.body : null;
    }, 30_000);
    entryCount = report.head.sequence;
  }

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  let copies = 0;
  const copy = () => {
    const target = join(root, `copy-${++copies}`);
    cpSync(dataDir, target, { recursive: true });
    return target;
  };

  /** Both faces of verify on the tampered copy: the CLI's exit code and the endpoint's first problem. */
  async function expectDetected(dataDir: string, reason: string, ...cliArguments: string[]) {
    const result = await cli(dataDir, 'audit', 'verify', '--json', ...cliArguments);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, firstMismatch: { reason } });
    if (cliArguments.length) return report;
    const app = await StandaloneTestApp.start({ dataDir });
    try {
      const response = await app.request('GET', '/api/v1/audit/verify', {
        token: await app.tokenFor({ role: 'auditor' }),
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ ok: false, firstMismatch: { reason } });
    } finally {
      await app.close();
    }
    return report;
  }

  it('starts from a trail that verifies, with checkpoints, anchors and every source event in it', async () => {
    const result = await cli(dataDir, 'audit', 'verify', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, problems: [], head: { sequence: entryCount } });
    expect(report.anchorsChecked).toBeGreaterThanOrEqual(Math.floor(entryCount / checkpointEvery));
    expect(report.sources.find((s: { source: string }) => s.source === 'registry')).toMatchObject({ missing: 0, pending: 0 });
  });

  it('finds an entry re-hashed after dropping the triggers: the next entry was chained to the old hash', async () => {
    const target = copy();
    const entries = await readEntries(target);
    const victim = { ...entries[1], subjectIds: [] };
    const { hash: _h, ...content } = victim;
    const rehashed = sealEntry(content, { sequence: victim.sequence - 1, hash: victim.prevHash }, new Date(victim.receivedAt));
    dropTriggers(target);
    sql(target, `UPDATE trail SET subject_ids = '[]', hash = '${rehashed.hash}' WHERE sequence = 2`);
    await expectDetected(target, 'link_broken');
  });

  it('finds an edited entry', async () => {
    const target = copy();
    dropTriggers(target);
    sql(target, `UPDATE trail SET actor_account_id = 'someone-else' WHERE sequence = 3`);
    const report = await expectDetected(target, 'entry_modified');
    expect(report.firstMismatch.sequence).toBe(3);
  });

  it('finds a middle stretch deleted and the chain rebuilt, against the signed checkpoints', async () => {
    const target = copy();
    const entries = await readEntries(target);
    await rebuildChain(target, [...entries.slice(0, 3), ...entries.slice(6)]);
    await expectDetected(target, 'checkpoint_mismatch');
  });

  it('finds a middle stretch deleted and the chain rebuilt even with every checkpoint and anchor gone, from the event logs', async () => {
    const target = copy();
    const entries = await readEntries(target);
    await rebuildChain(target, [...entries.slice(0, 3), ...entries.slice(6)]);
    dropTriggers(target);
    sql(target, 'DELETE FROM checkpoints');
    writeFileSync(anchorFile(target), '');
    const report = await expectDetected(target, 'source_event_missing');
    expect(report.sources.find((s: { source: string }) => s.source === 'registry').missing).toBeGreaterThanOrEqual(1);
  });

  it('finds the tail cut off, against the last signed checkpoint', async () => {
    const target = copy();
    dropTriggers(target);
    sql(target, `DELETE FROM trail WHERE sequence > ${entryCount - 3}`);
    const report = await expectDetected(target, 'entry_missing');
    expect(report.firstMismatch.sequence).toBe(entryCount - 2);
  });

  it('finds the tail cut off with the checkpoints and anchors covering it removed too, from the event logs', async () => {
    const target = copy();
    dropTriggers(target);
    const keep = entryCount - 3;
    sql(target, `DELETE FROM trail WHERE sequence > ${keep}; DELETE FROM checkpoints WHERE sequence > ${keep};`);
    const lines = readFileSync(anchorFile(target), 'utf8').trim().split('\n');
    writeFileSync(anchorFile(target), lines.filter((line) => JSON.parse(line).sequence <= keep).map((l) => `${l}\n`).join(''));
    await expectDetected(target, 'source_event_missing');
  });

  it('finds all checkpoints deleted from the trail, against the anchors', async () => {
    const target = copy();
    dropTriggers(target);
    sql(target, 'DELETE FROM checkpoints');
    await expectDetected(target, 'anchor_missing_from_trail');
  });

  /** The same entries, received an hour earlier: older than the checkpoint interval (15 minutes by default). */
  const anHourEarlier = (entries: TrailEntry[]) =>
    entries.map((entry) => ({ ...entry, receivedAt: new Date(Date.parse(entry.receivedAt) - 3_600_000).toISOString() }));

  it('finds every checkpoint and anchor deleted from a trail older than the checkpoint interval: checkpoints missing, not "0 checked"', async () => {
    const target = copy();
    await rebuildChain(target, anHourEarlier(await readEntries(target)));
    dropTriggers(target);
    sql(target, 'DELETE FROM checkpoints');
    writeFileSync(anchorFile(target), '');
    const report = await expectDetected(target, 'checkpoints_missing');
    expect(report).toMatchObject({ checkpointsChecked: 0, latestCheckpoint: null, firstMismatch: { sequence: 1 } });
    expect(report.firstMismatch.message).toMatch(/no signed checkpoint/);
  });

  it('finds checkpoints stale: the newest, and its anchor, cover only the first entries, and the rest are older than the interval', async () => {
    const target = copy();
    const rebuilt = await rebuildChain(target, anHourEarlier(await readEntries(target)));
    // Re-sign with the deployment's own key, but only over the first three entries.
    const key = await deploymentSigningKey(target);
    const signed = await resign(target, rebuilt.slice(0, 3), key, 3);
    writeFileSync(anchorFile(target), signed.map((c) => `${JSON.stringify(anchorLineOf(c))}\n`).join(''));
    const report = await expectDetected(target, 'checkpoint_stale');
    expect(report.problems.map((p: { reason: string }) => p.reason)).toEqual(['checkpoint_stale']);
    expect(report).toMatchObject({ latestCheckpoint: { sequence: 3 }, firstMismatch: { sequence: 4 } });
  });

  it('finds the signing key replaced and every checkpoint re-signed over a rewritten chain', async () => {
    const target = copy();
    const entries = await readEntries(target);
    const rebuilt = await rebuildChain(target, [...entries.slice(0, 2), ...entries.slice(4)]);
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(target, 'keys', 'audit-signing.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const signed = await resign(target, rebuilt, privateKey, checkpointEvery);
    writeFileSync(anchorFile(target), signed.map((c) => `${JSON.stringify(anchorLineOf(c))}\n`).join(''));
    const report = await expectDetected(target, 'checkpoint_key_unknown');
    expect(report.trustedKeyIds).not.toContain(signed[0].keyId);
  });

  it('finds it too when the trusted key file beside the data was replaced, with the anchors kept elsewhere', async () => {
    const external = join(root, 'shipped-anchors.jsonl');
    cpSync(anchorFile(dataDir), external);
    const published = readFileSync(join(dataDir, 'audit-anchors', 'public-keys.pem'), 'utf8');
    const target = copy();
    const entries = await readEntries(target);
    const rebuilt = await rebuildChain(target, [...entries.slice(0, 2), ...entries.slice(4)]);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(target, 'keys', 'audit-signing.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(target, 'audit-anchors', 'public-keys.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const signed = await resign(target, rebuilt, privateKey, checkpointEvery);
    writeFileSync(anchorFile(target), signed.map((c) => `${JSON.stringify(anchorLineOf(c))}\n`).join(''));
    // The verifier holds the published key (AUDIT_VERIFY_KEYS) and the shipped copy of the anchors.
    process.env.AUDIT_VERIFY_KEYS = published;
    try {
      await expectDetected(target, 'anchor_missing_from_trail', '--anchors', external);
    } finally {
      delete process.env.AUDIT_VERIFY_KEYS;
    }
  });
});

/**
 * The audit ops commands against a real standalone data directory: verify (and what tampering with the trail
 * file looks like to it), checkpoints, parked messages, timelines, export checked by an outside verifier that
 * uses only node:crypto, and rebuilding the read model.
 */
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { Topics } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp, untypedBus } from '@vaxledger/testing';
import { runCli } from '../cli-command';
import { auditCommands } from './audit';
import { projectionsRebuildCommand } from './projections-rebuild';

async function cli(dataDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    commands: [...auditCommands, projectionsRebuildCommand],
    env: { ...process.env, VAXLEDGER_DATA_DIR: dataDir, AUDIT_TRAIL_MONGO_URL: '' },
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    stdin: new PassThrough(),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** What an outside party writes from docs/audit.md: sorted keys, no whitespace, JSON.stringify for values. */
function outsideCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(outsideCanonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${outsideCanonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('audit console commands', () => {
  const root = mkdtempSync(join(tmpdir(), 'vaxledger-audit-cli-'));
  const dataDir = join(root, 'data');
  const looker = newId();
  const otherLooker = newId();
  const subject = newId();
  const parkedId = newId();

  const access = (accountId: string, subjectIds: string[], action: string): CloudEvent => ({
    specversion: '1.0',
    id: newId(),
    source: '/vaxledger/registry',
    type: 'vaxledger.access.recorded',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    partitionkey: accountId,
    data: {
      action,
      actor: { accountId, facilityId: 'fac-1', provinceCode: '79' },
      subjectIds,
      purpose: 'vaccination',
      ip: '10.0.0.9',
    },
  });

  beforeAll(async () => {
    const app = await StandaloneTestApp.start({ dataDir, env: { AUDIT_CHECKPOINT_EVERY: '4' } });
    // Foreign-shaped access records, and one the trail cannot read: what a broken producer would send.
    const bus = untypedBus(app.infra.services.registry.bus);
    for (let n = 0; n < 12; n++) {
      await bus.publish(Topics.auditAccess, [
        access(
          n % 2 ? looker : otherLooker,
          n % 3 === 0 ? [subject] : [newId()],
          n % 4 ? 'subject.read' : 'subject.search',
        ),
      ]);
    }
    await bus.publish(Topics.auditAccess, [
      { ...access(looker, [], 'subject.read'), id: parkedId, data: ['not', 'an', 'object'] },
    ]);
    const auditor = await app.tokenFor({ role: 'auditor' });
    await eventually(async () => {
      const response = await app.request('GET', '/api/v1/audit/events?limit=500', { token: auditor });
      return response.body.items?.length === 12;
    });
    await app.close({ keepData: true });
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('verifies an untouched trail and says how far', async () => {
    const result = await cli(dataDir, 'audit', 'verify');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/audit trail OK: 12 entries verified from the start to #12/);
    const json = JSON.parse((await cli(dataDir, 'audit', 'verify', '--json')).stdout);
    expect(json).toMatchObject({ ok: true, entriesChecked: 12, head: { sequence: 12 } });
  });

  it('lists the signed checkpoints written every N entries', async () => {
    const result = await cli(dataDir, 'audit', 'checkpoints');
    const checkpoints = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(checkpoints.map((c) => [c.kind, c.sequence])).toEqual([
      ['periodic', 4],
      ['periodic', 8],
      ['periodic', 12],
    ]);
    const latest = JSON.parse((await cli(dataDir, 'audit', 'checkpoints', '--latest')).stdout);
    expect(latest.sequence).toBe(12);
  });

  it('lists parked messages with their error', async () => {
    const result = await cli(dataDir, 'audit', 'parked');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(parkedId);
    expect(result.stdout).toContain('data must be a JSON object, got an array');
    expect(result.stderr).toContain('1 parked message');
  });

  it('prints the timeline of one subject and of one account', async () => {
    const bySubject = await cli(
      dataDir,
      'audit',
      'replay',
      '--from-sequence',
      '1',
      '--timeline',
      '--subject',
      subject,
    );
    const lines = bySubject.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines)
      expect(line).toMatch(
        / #\d+ {2}subject\.(read|search) .*by .* subjects .*purpose "vaccination" {2}from 10\.0\.0\.9/,
      );
    const byAccount = await cli(
      dataDir,
      'audit',
      'replay',
      '--from-sequence',
      '7',
      '--timeline',
      '--account',
      looker,
    );
    expect(
      byAccount.stdout
        .trim()
        .split('\n')
        .map((line) => /#(\d+)/.exec(line)![1]),
    ).toEqual(['8', '10', '12']);
    expect((await cli(dataDir, 'audit', 'replay', '--timeline', '--subject', subject)).code).toBe(2);
  });

  it('exports JSON lines an outside party can verify with nothing but SHA-256 and Ed25519', async () => {
    const file = join(root, 'export.jsonl');
    const result = await cli(
      dataDir,
      'audit',
      'export',
      '--format',
      'jsonl',
      '--out',
      file,
      '--from',
      '2000-01-01',
      '--to',
      '2999-12-31',
    );
    expect(result.code).toBe(0);
    const records = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const entries = records.filter((r) => r.record === 'entry');
    const manifest = records.find((r) => r.record === 'manifest');
    expect(entries).toHaveLength(12);
    let previous = manifest.anchor.hash;
    for (const { record: _record, hash, ...content } of entries) {
      expect(content.prevHash).toBe(previous);
      expect(sha256(outsideCanonical(content) + content.prevHash)).toBe(hash);
      previous = hash;
    }
    const publicKey = createPublicKey(manifest.publicKey);
    const sealed = manifest.checkpoints.find((c: { kind: string }) => c.kind === 'export');
    expect(sealed).toMatchObject({ sequence: 12, hash: previous });
    for (const checkpoint of manifest.checkpoints) {
      const signed = outsideCanonical({
        at: checkpoint.at,
        hash: checkpoint.hash,
        kind: checkpoint.kind,
        sequence: checkpoint.sequence,
      });
      expect(
        verifySignature(null, Buffer.from(signed), publicKey, Buffer.from(checkpoint.signature, 'base64')),
      ).toBe(true);
    }
  });

  it('exports CSV with the hashed canonical text per row and a manifest beside it', async () => {
    const file = join(root, 'export.csv');
    expect((await cli(dataDir, 'audit', 'export', '--format', 'csv', '--out', file)).code).toBe(0);
    const rows: Array<Record<string, string>> = parse(readFileSync(file, 'utf8'), { columns: true });
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      expect(sha256(row.canonical + row.prevHash)).toBe(row.hash);
      expect(JSON.parse(row.canonical)).toMatchObject({
        sequence: Number(row.sequence),
        eventId: row.eventId,
        prevHash: row.prevHash,
      });
    }
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
    expect(manifest).toMatchObject({
      entries: 12,
      firstSequence: 1,
      lastSequence: 12,
      anchor: { sequence: 0, hash: '0'.repeat(64) },
    });
  });

  it('rebuilds the audit read model from the trail, whole or from a sequence', async () => {
    const whole = await cli(dataDir, 'projections', 'rebuild', 'audit-events');
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain('audit: rebuilt audit-events from 12 events');
    expect(whole.stdout).toMatch(/events\/s/);
    const partial = await cli(dataDir, 'audit', 'replay', '--from-sequence', '5', '--rebuild');
    expect(partial.stdout).toContain('from 8 trail entries');
    const db = new Database(join(dataDir, 'audit', 'read-models.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM "rm_audit_events"').get()).toEqual({ n: 12 });
    } finally {
      db.close();
    }
    const unknown = await cli(dataDir, 'projections', 'rebuild', 'no-such-model');
    expect(unknown.code).toBe(2);
  });

  describe('when someone with access to the file changes the trail', () => {
    /** A copy of the data directory, tampered with as an attacker holding the file would: triggers dropped first. */
    function tampered(name: string, sql: string): string {
      const copy = join(root, name);
      cpSync(dataDir, copy, { recursive: true });
      const db = new Database(join(copy, 'audit', 'trail.db'));
      db.exec('DROP TRIGGER trail_is_append_only; DROP TRIGGER trail_deletes_only_behind_retention;');
      db.exec(sql);
      db.close();
      return copy;
    }

    it('points at a modified entry', async () => {
      const copy = tampered(
        'modified',
        `UPDATE trail SET actor_account_id = 'someone-else' WHERE sequence = 5`,
      );
      const result = await cli(copy, 'audit', 'verify');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/BROKEN at entry #5 \(event [0-9a-f-]+\): entry_modified/);
    });

    it('points at a deleted entry', async () => {
      const copy = tampered('deleted', 'DELETE FROM trail WHERE sequence = 5');
      expect((await cli(copy, 'audit', 'verify')).stdout).toMatch(/BROKEN at entry #5: entry_missing/);
    });

    it('points at two entries swapped', async () => {
      const copy = tampered(
        'reordered',
        `UPDATE trail SET sequence = -5 WHERE sequence = 5; UPDATE trail SET sequence = 5 WHERE sequence = 6; UPDATE trail SET sequence = 6 WHERE sequence = -5;`,
      );
      expect((await cli(copy, 'audit', 'verify')).stdout).toMatch(/BROKEN at entry #5 .*: entry_modified/);
    });

    it('notices the newest entries cut off, against the signed checkpoint', async () => {
      const copy = tampered('truncated', 'DELETE FROM trail WHERE sequence >= 11');
      expect((await cli(copy, 'audit', 'verify')).stdout).toMatch(/BROKEN at entry #11: entry_missing/);
    });

    it('refuses a checkpoint nobody signed with the audit key', async () => {
      const copy = tampered(
        'forged',
        `INSERT INTO checkpoints (kind, sequence, hash, at, signature, key_id) SELECT 'retention', 6, hash, '2030-01-01T00:00:00.000Z', 'AAAA', key_id FROM checkpoints LIMIT 1`,
      );
      expect((await cli(copy, 'audit', 'verify')).stdout).toMatch(
        /BROKEN at entry #6: checkpoint_signature_invalid/,
      );
    });

    it('refuses to export a trail that does not verify', async () => {
      const copy = tampered('export-refused', `UPDATE trail SET payload = '{}' WHERE sequence = 2`);
      const result = await cli(copy, 'audit', 'export', '--format', 'jsonl');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('does not verify');
    });

    it('shows the same finding over HTTP once the service runs on the tampered file', async () => {
      const copy = tampered('http', `UPDATE trail SET subject_ids = '[]' WHERE sequence = 3`);
      const app = await StandaloneTestApp.start({ dataDir: copy });
      try {
        const response = await app.request('GET', '/api/v1/audit/verify', {
          token: await app.tokenFor({ role: 'auditor' }),
        });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({
          ok: false,
          entriesChecked: 2,
          firstMismatch: { sequence: 3, reason: 'entry_modified' },
        });
      } finally {
        await app.close();
      }
    });
  });
});

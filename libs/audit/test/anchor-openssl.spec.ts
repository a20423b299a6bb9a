/**
 * The outside check docs/audit.md gives a third party: deploy/scripts/verify-audit-anchors.sh verifies an anchor
 * file with openssl and jq alone. Run here against anchors our audit code wrote, and against a tampered copy.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTool } from '@vaxledger/testing';
import { AnchorFile } from '../src/anchors/checkpoint-anchor';
import { publicKeyPem, signCheckpoint } from '../src/domain/signed-checkpoint';

const script = join(__dirname, '..', '..', '..', 'deploy', 'scripts', 'verify-audit-anchors.sh');
const found = (tool: string) => (spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0 ? tool : null);
const tools = { name: 'openssl and jq', location: found('openssl') && found('jq'), install: 'apt-get install -y openssl jq' };

describeWithTool(tools, 'verifying an anchor file with openssl, without our code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vx-anchors-'));
  const { privateKey } = generateKeyPairSync('ed25519');
  const keyFile = join(dir, 'audit-public.pem');
  const anchors = AnchorFile.inDirectory(join(dir, 'anchors'));
  const at = new Date('2026-12-03T08:00:00Z');

  beforeAll(async () => {
    writeFileSync(keyFile, publicKeyPem(privateKey));
    for (const sequence of [100, 200, 300]) {
      await anchors.anchor(signCheckpoint('periodic', { sequence, hash: `${sequence}`.padStart(64, 'a') }, at, privateKey));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (file: string) => spawnSync('bash', [script, keyFile, file], { encoding: 'utf8' });

  it('verifies every line the audit service anchored', () => {
    const result = run(anchors.file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('verified 3 anchor lines');
  });

  it('refuses a line whose signed text was changed, naming the line', () => {
    const lines = readFileSync(anchors.file, 'utf8').trim().split('\n');
    const edited = JSON.parse(lines[1]);
    edited.signed = edited.signed.replace('"sequence":200', '"sequence":150');
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, [lines[0], JSON.stringify(edited), lines[2]].join('\n') + '\n');
    const result = run(tampered);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('line 2: the signature does not verify');
  });

  it('refuses anchors signed by another key', () => {
    const { privateKey: other } = generateKeyPairSync('ed25519');
    const foreign = join(dir, 'foreign.jsonl');
    const line = { ...signCheckpoint('periodic', { sequence: 1, hash: 'b'.repeat(64) }, at, other) };
    writeFileSync(foreign, `${readFileSync(anchors.file, 'utf8')}${JSON.stringify({ ...line, signed: `{"at":"${line.at}","hash":"${line.hash}","kind":"periodic","sequence":1}` })}\n`);
    const result = run(foreign);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('line 4: the signature does not verify');
  });
});

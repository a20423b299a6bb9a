/**
 * Every `error` code the services can answer with has a sentence in the console, in Vietnamese and English,
 * so a nurse never sees a code. The codes are read from the services' sources, so a new one fails this test
 * until the console can say it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../apps/console/src/api/api-error';
import { knownErrorCodes, sentenceFor } from '../../../apps/console/src/i18n/error-sentences';

const libs = join(__dirname, '..', '..');

function sourcesUnder(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...sourcesUnder(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(path);
  }
  return files;
}

function codesThrownByTheServices(): Set<string> {
  const codes = new Set<string>();
  const factories =
    /\b(?:validationError|conflict|forbidden|notFound|ruleBroken|outOfScope)\(\s*'([a-z_]+)'/g;
  const constructed = /new DomainError\(\s*'[a-z_]+',\s*'([A-Za-z_]+)'/g;
  const mappedByStatus = /^\s+\d{3}: '([a-z_]+)',$/gm;
  for (const lib of readdirSync(libs)) {
    let files: string[];
    try {
      files = sourcesUnder(join(libs, lib, 'src'));
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of [factories, constructed, mappedByStatus])
        for (const match of text.matchAll(pattern)) codes.add(match[1]);
    }
  }
  // The runtime's own answers that are not thrown through a factory.
  for (const code of [
    'validation_failed',
    'internal_error',
    'out_of_scope',
    'step_up_required',
    'rate_limited',
  ])
    codes.add(code);
  return codes;
}

describe('the console says every API error as a sentence', () => {
  const thrown = codesThrownByTheServices();

  it('finds the services’ error codes in their sources', () => {
    expect(thrown.size).toBeGreaterThan(40);
    expect(thrown).toContain('dose_interval_too_short');
    expect(thrown).toContain('invalid_credentials');
  });

  it('has a Vietnamese and an English sentence for every code the services throw', () => {
    const missing = [...thrown].filter((code) => !knownErrorCodes.includes(code));
    expect(missing).toEqual([]);
    for (const code of thrown) {
      const error = new ApiError(400, code, {});
      // One-word codes ("locked") may be ordinary words of a sentence; compound codes never are.
      if (code.includes('_')) {
        expect(sentenceFor(error, 'vi')).not.toContain(code);
        expect(sentenceFor(error, 'en')).not.toContain(code);
      }
      expect(sentenceFor(error, 'vi')).not.toEqual(sentenceFor(error, 'en'));
    }
  });

  it('explains a too-short interval with the figures, in words', () => {
    const error = new ApiError(422, 'dose_interval_too_short', {
      doseNumber: 2,
      previousDoseNumber: 1,
      previousDate: '2021-08-02',
      days: 10,
      minDays: 28,
    });
    expect(sentenceFor(error, 'vi')).toBe(
      'Chưa đủ khoảng cách giữa hai mũi: mũi 2 phải cách mũi 1 (ngày 02/08/2021) ít nhất 28 ngày, hiện mới được 10 ngày.',
    );
    expect(sentenceFor(error, 'en')).toBe(
      'Too soon after the previous dose: dose 2 must come at least 28 days after dose 1 (given 02/08/2021); it has been 10 day(s).',
    );
  });

  it('names the fields a refused form got wrong, as the form labels them', () => {
    const error = new ApiError(400, 'validation_failed', [
      { field: 'dateOfBirth', problem: 'in the future' },
      { field: 'address.provinceCode', problem: 'unknown' },
    ]);
    expect(sentenceFor(error, 'vi')).toBe('Vui lòng kiểm tra: Ngày sinh, Tỉnh/thành phố.');
    expect(sentenceFor(error, 'en')).toBe('Please check: Date of birth, Province.');
  });

  it('says how long to wait when looking up too often (searches, taken ID numbers, other facilities’ records)', () => {
    expect(sentenceFor(new ApiError(429, 'rate_limited', { retryAfterSeconds: 150 }, 150), 'vi')).toBe(
      'Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau khoảng 3 phút.',
    );
  });

  it('gives an unknown code a general sentence, never the code itself', () => {
    const error = new ApiError(422, 'some_future_rule', { secret: 'x' });
    expect(sentenceFor(error, 'vi')).toBe(
      'Không thực hiện được thao tác này. Vui lòng thử lại hoặc báo cho quản trị viên.',
    );
    expect(sentenceFor(error, 'en')).not.toContain('some_future_rule');
  });
});

/**
 * Fast checks of the benchmark's own parts (no server, no timing): the data it generates must be valid and
 * reproducible, and what it records must have the documented shape. The measurements themselves are taken by
 * `npm run bench`, never by timed tests.
 */
import { parseBenchOptions } from '../../../bench/src/bench-options';
import {
  renderMarkdownTable,
  renderScalingSvg,
  renderTable,
  type BenchRun,
} from '../../../bench/src/bench-report';
import { LatencyRecorder } from '../../../bench/src/latency-recorder';
import { SeededRandom, WeightedTable } from '../../../bench/src/seeded-random';
import {
  csvRow,
  isoDateOfEpochDay,
  legacyImportColumns,
  SubjectGenerator,
} from '../../../bench/src/subject-generator';
import {
  familyNameShares,
  femaleGivenNames,
  maleGivenNames,
  provincePopulationThousands,
} from '../../../bench/src/vietnamese-population';
import { listProvinces } from '@vaxledger/contracts';
import { normaliseSubjectProfile } from '@vaxledger/registry';
// The importer's column list and row reading are internal to the registry; the bench must write exactly them.
import { importColumns, profileInputOf } from '../../registry/src/import-subjects/import-row';

describe('the benchmark subject generator', () => {
  const sample = [...new SubjectGenerator({ seed: 42 }).take(20_000)];

  it('produces the same subjects for the same seed and different ones for another seed', () => {
    const again = [...new SubjectGenerator({ seed: 42 }).take(100)];
    expect(again).toEqual(sample.slice(0, 100));
    const other = [...new SubjectGenerator({ seed: 43 }).take(100)];
    expect(other).not.toEqual(sample.slice(0, 100));
  });

  it('never gives two subjects the same CCCD number', () => {
    expect(new Set(sample.map((s) => s.idDocument.number)).size).toBe(sample.length);
  });

  it('writes CCCD numbers as province of birth, century and gender, birth year and a six-digit serial', () => {
    for (const s of sample.slice(0, 2000)) {
      const n = s.idDocument.number;
      expect(n).toMatch(/^\d{12}$/);
      expect(n.slice(0, 3)).toBe(`0${s.address.provinceCode}`);
      const year = Number(s.dateOfBirth.slice(0, 4));
      expect(n.slice(4, 6)).toBe(String(year % 100).padStart(2, '0'));
      const centuryGender = Number(n[3]);
      expect(centuryGender >= 2).toBe(year >= 2000);
      if (s.gender !== 'other') expect(centuryGender % 2 === 1).toBe(s.gender === 'female');
    }
  });

  it('gives Vietnamese mobile numbers of ten digits', () => {
    for (const s of sample.slice(0, 2000))
      expect(s.phone).toMatch(/^0(3[2-9]|5[2689]|7[06-9]|8[1-689]|9[0-46-9])\d{7}$/);
  });

  it('names about 38% of people Nguyễn, and writes names in NFC with diacritics', () => {
    const nguyen = sample.filter((s) => s.fullName.startsWith('Nguyễn ')).length / sample.length;
    expect(nguyen).toBeGreaterThan(0.35);
    expect(nguyen).toBeLessThan(0.41);
    for (const name of [...familyNameShares.map(([n]) => n), ...maleGivenNames, ...femaleGivenNames]) {
      expect(name).toBe(name.normalize('NFC'));
    }
  });

  it('places people by population: Hồ Chí Minh City and Hà Nội hold the most, every province code is a real one', () => {
    const codes = new Set(listProvinces().map((p) => p.code));
    const byProvince = new Map<string, number>();
    for (const s of sample) {
      expect(codes.has(s.address.provinceCode)).toBe(true);
      byProvince.set(s.address.provinceCode, (byProvince.get(s.address.provinceCode) ?? 0) + 1);
    }
    const ranked = [...byProvince.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    expect(ranked.slice(0, 2).sort()).toEqual(['01', '79']);
    expect(Object.keys(provincePopulationThousands).sort()).toEqual([...codes].sort());
  });

  it('respects a minimum age, counted from the reference date', () => {
    const adults = [
      ...new SubjectGenerator({ seed: 7, minAgeYears: 19, referenceDate: '2021-12-01' }).take(2000),
    ];
    for (const s of adults) expect(s.dateOfBirth <= '2002-12-01').toBe(true);
  });

  it('writes rows the registry importer accepts as valid profiles', () => {
    expect(legacyImportColumns.map((c) => c.header)).toEqual(
      importColumns.filter((c) => legacyImportColumns.some((l) => l.header === c)),
    );
    const header = legacyImportColumns.map((c) => c.header);
    for (const s of sample.slice(0, 500)) {
      const cells = csvRow(s).split(',');
      const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
      const profile = normaliseSubjectProfile(profileInputOf(row), '2025-01-01');
      if (!profile.ok) throw new Error(`${JSON.stringify(row)}: ${JSON.stringify(profile.problems)}`);
    }
  });

  it('formats epoch days exactly as Date does', () => {
    for (let day = -40_000; day < 40_000; day += 97) {
      expect(isoDateOfEpochDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });
});

describe('the seeded random source', () => {
  it('picks from a weighted table in proportion to the weights', () => {
    const table = new WeightedTable([
      ['a', 3],
      ['b', 1],
    ] as const);
    const random = new SeededRandom(1);
    let a = 0;
    for (let i = 0; i < 40_000; i++) if (table.pick(random) === 'a') a++;
    expect(a / 40_000).toBeGreaterThan(0.73);
    expect(a / 40_000).toBeLessThan(0.77);
  });
});

describe('what the benchmark records', () => {
  const run: BenchRun = {
    mode: 'quick',
    startedAt: '2021-12-01T00:00:00.000Z',
    seed: 1,
    machine: { cpus: 2, cpuModel: 'test', memoryGb: 4, node: 'v20', loadAverageAtStart: [0, 0, 0] },
    scenarios: {
      'dose-record-http': {
        subjects: 100,
        throughputPerSec: 2100,
        p50Ms: 10,
        p99Ms: 40,
        errors: 0,
        peakRssMb: 300,
        target: '≥ 2,000/s',
      },
      rebuild: { events: 1000, throughputPerSec: 60_000 },
    },
  };

  it('prints one table with a row per scenario, leaving out what does not apply', () => {
    const table = renderTable(run).split('\n');
    expect(table[0]).toMatch(/^scenario\s+\| subjects/);
    expect(table.find((l) => l.startsWith('dose-record-http'))).toContain('2,100');
    expect(renderMarkdownTable(run).split('\n')).toHaveLength(4);
  });

  it('draws the scaling chart as a self-contained SVG with one panel per series', () => {
    const svg = renderScalingSvg('cost', [
      {
        label: 'import',
        unit: '/s',
        points: [
          { subjects: 1_000_000, value: 20_000 },
          { subjects: 10_000_000, value: 18_000 },
        ],
      },
      {
        label: 'p99',
        unit: 'ms',
        points: [
          { subjects: 1_000_000, value: 2 },
          { subjects: 10_000_000, value: 3 },
        ],
      },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('10M');
  });

  it('reports nearest-rank percentiles', () => {
    const recorder = new LatencyRecorder();
    for (let i = 1; i <= 100; i++) recorder.record(i);
    expect(recorder.percentile(50)).toBe(50);
    expect(recorder.percentile(99)).toBe(99);
    expect(recorder.percentile(100)).toBe(100);
  });

  it('reads --quick as 50k subjects and 10 s of load, and a list of subject counts as a scaling run', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({
      mode: 'quick',
      subjectCounts: [50_000],
      loadSeconds: 10,
    });
    expect(parseBenchOptions(['--subjects', '10000000,1000000']).subjectCounts).toEqual([
      1_000_000, 10_000_000,
    ]);
    expect(() => parseBenchOptions(['--only', 'nonsense'])).toThrow(/unknown scenario/);
    expect(parseBenchOptions(['--server-max-subjects', '3_000_000']).serverMaxSubjects).toBe(3_000_000);
    expect(parseBenchOptions([]).serverMaxSubjects).toBeNull();
    expect(() => parseBenchOptions(['--server-max-subjects', '-1'])).toThrow(/positive integer/);
  });
});

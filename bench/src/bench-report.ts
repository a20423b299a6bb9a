/** The bench's output: one table on the terminal, one JSON file per run, one SVG chart of cost against N. */
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One scenario's numbers; fields that do not apply are left out. */
export interface ScenarioResult {
  subjects?: number;
  events?: number;
  requests?: number;
  durationSeconds?: number;
  throughputPerSec?: number;
  p50Ms?: number;
  p90Ms?: number;
  p99Ms?: number;
  maxMs?: number;
  errors?: number;
  peakRssMb?: number;
  bytesOnDiskPerSubject?: number;
  /** What the number is being compared with in the brief, for the table. */
  target?: string;
  /** Free-form facts a reader needs to interpret the numbers (cost parameters, resolution, caveats). */
  notes?: string[];
  [extra: string]: unknown;
}

/** A scenario either measured something or says why it could not run here. */
export type ScenarioOutcome = { result: ScenarioResult } | { skipped: string };

export interface BenchRun {
  mode: 'quick' | 'full';
  label?: string;
  startedAt: string;
  seed: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadAverageAtStart: number[] };
  scenarios: Record<string, ScenarioResult>;
  skipped?: Record<string, string>;
  /** What was measured at each subject count of the data set, for the chart. */
  scaling?: ScalingRow[];
}

/** One step of a growing data set. */
export interface ScalingRow {
  subjects: number;
  importPerSec?: number;
  bytesOnDiskPerSubject?: number;
  rebuildEventsPerSec?: number;
  searchInProcessP99Ms?: number;
  searchLookupP99Ms?: number;
  searchHttpP99Ms?: number;
  serverCatchUpSeconds?: number;
  serverCatchUpSubjectsPerSec?: number;
  serverPeakRssMb?: number;
  /** Peak RSS of the in-process search child (opens the data directory as the server does). */
  searchInProcessPeakRssMb?: number;
}

export function describeMachine(): BenchRun['machine'] {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const columns: Array<[header: string, read: (r: ScenarioResult) => string]> = [
  ['subjects', (r) => (r.subjects === undefined ? '' : r.subjects.toLocaleString('en-US'))],
  [
    'throughput/s',
    (r) => (r.throughputPerSec === undefined ? '' : r.throughputPerSec.toLocaleString('en-US')),
  ],
  ['p50 ms', (r) => (r.p50Ms === undefined ? '' : String(r.p50Ms))],
  ['p99 ms', (r) => (r.p99Ms === undefined ? '' : String(r.p99Ms))],
  ['errors', (r) => (r.errors === undefined ? '' : String(r.errors))],
  ['peak RSS MB', (r) => (r.peakRssMb === undefined ? '' : String(r.peakRssMb))],
  ['target', (r) => r.target ?? ''],
];

export function renderTable(run: BenchRun): string {
  const rows = Object.entries(run.scenarios).map(([name, r]) => [
    name,
    ...columns.map(([, read]) => read(r)),
  ]);
  const header = ['scenario', ...columns.map(([h]) => h)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const skipped = Object.entries(run.skipped ?? {}).map(([name, why]) => `  skipped ${name}: ${why}`);
  return [line(header), rule, ...rows.map(line), ...skipped].join('\n');
}

/** The same table as Markdown, for docs/performance.md. */
export function renderMarkdownTable(run: BenchRun): string {
  const header = ['scenario', ...columns.map(([h]) => h)];
  const rows = Object.entries(run.scenarios).map(([name, r]) => [
    name,
    ...columns.map(([, read]) => read(r)),
  ]);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function writeRun(run: BenchRun, directory: string): string {
  mkdirSync(directory, { recursive: true });
  const path = join(
    directory,
    `${run.mode}-${run.startedAt.slice(0, 10)}${run.label ? `-${run.label}` : ''}.json`,
  );
  writeFileSync(path, JSON.stringify(run, null, 2) + '\n');
  return path;
}

export interface ScalingSeries {
  label: string;
  unit: string;
  points: Array<{ subjects: number; value: number }>;
}

/**
 * A dependency-free SVG line chart: x is the number of subjects (log scale), one panel per series, so
 * series of different units (ms, MB, per second) never share an axis.
 */
export function renderScalingSvg(title: string, series: ScalingSeries[]): string {
  const panelWidth = 360;
  const panelHeight = 220;
  const margin = { left: 64, right: 24, top: 36, bottom: 40 };
  const width = series.length * panelWidth;
  const height = panelHeight + 30;
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="16" font-size="13" font-weight="bold">${escape(title)}</text>`,
  ];
  series.forEach((s, index) => {
    const x0 = index * panelWidth + margin.left;
    const y0 = 30 + margin.top;
    const w = panelWidth - margin.left - margin.right;
    const h = panelHeight - margin.top - margin.bottom;
    const points = [...s.points].sort((a, b) => a.subjects - b.subjects);
    const xs = points.map((p) => Math.log10(p.subjects));
    const xMin = Math.min(...xs);
    const xMax = Math.max(...xs);
    const yMax = niceCeiling(Math.max(...points.map((p) => p.value)) * 1.1);
    const px = (v: number) => x0 + (xMax === xMin ? w / 2 : ((v - xMin) / (xMax - xMin)) * w);
    const py = (v: number) => y0 + h - (v / yMax) * h;
    parts.push(
      `<text x="${x0}" y="${y0 - 12}" font-weight="bold">${escape(s.label)} (${escape(s.unit)})</text>`,
      `<line x1="${x0}" y1="${y0 + h}" x2="${x0 + w}" y2="${y0 + h}" stroke="#444"/>`,
      `<line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y0 + h}" stroke="#444"/>`,
    );
    for (let t = 0; t <= 4; t++) {
      const v = (yMax / 4) * t;
      parts.push(`<text x="${x0 - 6}" y="${py(v) + 4}" text-anchor="end">${formatTick(v)}</text>`);
      parts.push(`<line x1="${x0}" y1="${py(v)}" x2="${x0 + w}" y2="${py(v)}" stroke="#ddd"/>`);
    }
    const path = points
      .map(
        (p, i) => `${i === 0 ? 'M' : 'L'}${px(Math.log10(p.subjects)).toFixed(1)},${py(p.value).toFixed(1)}`,
      )
      .join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="#1f77b4" stroke-width="2"/>`);
    for (const p of points) {
      const cx = px(Math.log10(p.subjects));
      parts.push(`<circle cx="${cx.toFixed(1)}" cy="${py(p.value).toFixed(1)}" r="3" fill="#1f77b4"/>`);
      parts.push(
        `<text x="${cx.toFixed(1)}" y="${y0 + h + 14}" text-anchor="middle">${formatSubjects(p.subjects)}</text>`,
      );
      parts.push(
        `<text x="${cx.toFixed(1)}" y="${(py(p.value) - 6).toFixed(1)}" text-anchor="middle">${formatTick(p.value)}</text>`,
      );
    }
    parts.push(
      `<text x="${x0 + w / 2}" y="${y0 + h + 30}" text-anchor="middle">subjects loaded (log scale)</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above `v`, so axis ticks are round numbers. */
function niceCeiling(v: number): number {
  if (!(v > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= v) ?? 10;
  return step * magnitude;
}

function formatTick(v: number): string {
  if (v >= 10_000) return `${Math.round(v / 1000)}k`;
  if (v >= 100) return String(Math.round(v));
  return String(Math.round(v * 100) / 100);
}

function formatSubjects(n: number): string {
  if (n >= 1_000_000) return `${n / 1_000_000}M`;
  if (n >= 1_000) return `${n / 1_000}k`;
  return String(n);
}

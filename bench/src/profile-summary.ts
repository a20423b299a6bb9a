/**
 * Summarises V8 `.cpuprofile` files (from `node --cpu-prof`): the functions with the most self time and the
 * share spent per package/library, so a profile can be read without opening DevTools.
 *
 *   node dist/bench/src/profile-summary.js bench/results/profiles/<file>.cpuprofile [top]
 *   node dist/bench/src/profile-summary.js <file>.cpuprofile --callers sqliteTransaction [depth]
 *   node dist/bench/src/profile-summary.js <file>.cpuprofile --inclusive [top]
 *   add --from S / --to S (seconds since the profile started) to look at one phase of a long-lived process
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  where: string;
  selfPercent: number;
}

export interface ProfileSummary {
  totalMs: number;
  idlePercent: number;
  topFunctions: ProfileLine[];
  byArea: Array<{ area: string; selfPercent: number }>;
}

/** Seconds from the start of the profile; samples outside are left out (one phase of a long-lived server). */
export interface ProfileWindow {
  fromSeconds?: number;
  toSeconds?: number;
}

function loadProfile(path: string, window: ProfileWindow = {}): CpuProfile {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  if (window.fromSeconds === undefined && window.toSeconds === undefined) return profile;
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let elapsed = 0;
  (profile.samples ?? []).forEach((sample, i) => {
    const delta = profile.timeDeltas?.[i] ?? 0;
    elapsed += delta;
    const seconds = elapsed / 1e6;
    if (seconds >= (window.fromSeconds ?? 0) && seconds <= (window.toSeconds ?? Infinity)) {
      samples.push(sample);
      timeDeltas.push(delta);
    }
  });
  return { ...profile, samples, timeDeltas };
}

export function summariseProfile(path: string, top = 25, window: ProfileWindow = {}): ProfileSummary {
  const profile = loadProfile(path, window);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node from the sample stream (hitCount is absent in some Node versions' output).
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    selfMicros.set(samples[i], (selfMicros.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
  }
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0) || 1;
  const perFunction = new Map<string, { name: string; where: string; micros: number }>();
  const perArea = new Map<string, number>();
  let idle = 0;
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)') idle += micros;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = perFunction.get(key) ?? { name, where, micros: 0 };
    entry.micros += micros;
    perFunction.set(key, entry);
    const area = areaOf(name, url);
    perArea.set(area, (perArea.get(area) ?? 0) + micros);
  }
  const percent = (micros: number) => Math.round((micros / total) * 1000) / 10;
  return {
    totalMs: Math.round(total / 1000),
    idlePercent: percent(idle),
    topFunctions: [...perFunction.values()]
      .sort((a, b) => b.micros - a.micros)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfPercent: percent(f.micros) })),
    byArea: [...perArea.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([area, micros]) => ({ area, selfPercent: percent(micros) })),
  };
}

/**
 * Where a function's self time comes from: its callers' stacks (innermost first, `depth` frames), with the
 * share of the whole profile each stack accounts for. Answers "which code path is paying for this native call".
 */
export function callersOf(
  path: string,
  functionName: string,
  depth = 8,
  top = 10,
  window: ProfileWindow = {},
): Array<{ stack: string[]; selfPercent: number }> {
  const profile = loadProfile(path, window);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    selfMicros.set(samples[i], (selfMicros.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
    total += deltas[i] ?? 0;
  }
  const stacks = new Map<string, { stack: string[]; micros: number }>();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName !== functionName) continue;
    const stack: string[] = [];
    let current: number | undefined = id;
    while (current !== undefined && stack.length < depth) {
      const frame = byId.get(current)!.callFrame;
      if (frame.functionName !== '(root)')
        stack.push(`${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`);
      current = parentOf.get(current);
    }
    const key = stack.join(' < ');
    const entry = stacks.get(key) ?? { stack, micros: 0 };
    entry.micros += micros;
    stacks.set(key, entry);
  }
  return [...stacks.values()]
    .sort((a, b) => b.micros - a.micros)
    .slice(0, top)
    .map((s) => ({ stack: s.stack, selfPercent: Math.round((s.micros / (total || 1)) * 1000) / 10 }));
}

/** Functions by inclusive time (self + everything they called), each counted once per sample. */
export function inclusiveTimes(path: string, top = 30, window: ProfileWindow = {}): ProfileLine[] {
  const profile = loadProfile(path, window);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const inclusive = new Map<string, { name: string; where: string; micros: number }>();
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const micros = deltas[i] ?? 0;
    total += micros;
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parentOf.get(id)) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (functionName === '(root)') continue;
      const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
      const key = `${functionName}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { name: functionName || '(anonymous)', where, micros: 0 };
      entry.micros += micros;
      inclusive.set(key, entry);
    }
  }
  return [...inclusive.values()]
    .sort((a, b) => b.micros - a.micros)
    .slice(0, top)
    .map((f) => ({
      name: f.name,
      where: f.where,
      selfPercent: Math.round((f.micros / (total || 1)) * 1000) / 10,
    }));
}

function shortUrl(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const nodeModules = clean.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return clean.slice(nodeModules + 'node_modules/'.length);
  const dist = clean.indexOf('/dist/');
  return dist >= 0 ? clean.slice(dist + '/dist/'.length) : clean;
}

/** Which library or vaxledger lib a frame belongs to; native and GC frames by their V8 names. */
function areaOf(name: string, url: string): string {
  if (!url) return name.startsWith('(') ? name : `native ${name}`;
  const clean = url.replace(/^file:\/\//, '');
  const nodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (nodeModules) return nodeModules[1];
  const lib = /\/(libs|apps|bench)\/([^/]+)\//.exec(clean);
  if (lib) return `${lib[1]}/${lib[2]}`;
  if (clean.startsWith('node:')) return 'node core';
  return clean;
}

export function renderProfileSummary(summary: ProfileSummary): string {
  const lines = [`sampled ${summary.totalMs} ms, idle ${summary.idlePercent}%`, '', 'self time by area:'];
  for (const a of summary.byArea.slice(0, 15))
    lines.push(`  ${String(a.selfPercent).padStart(5)}%  ${a.area}`);
  lines.push('', 'top functions by self time:');
  for (const f of summary.topFunctions)
    lines.push(`  ${String(f.selfPercent).padStart(5)}%  ${f.name}  ${f.where}`);
  return lines.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const from = flag('--from');
  const to = flag('--to');
  const window: ProfileWindow = {
    fromSeconds: from ? Number(from) : undefined,
    toSeconds: to ? Number(to) : undefined,
  };
  const [path, ...rest] = args;
  if (!path) {
    process.stderr.write(
      'usage: node dist/bench/src/profile-summary.js <file.cpuprofile> [top] [--callers <function> [depth]] [--inclusive [top]] [--from S] [--to S]\n',
    );
    process.exit(2);
  }
  if (rest[0] === '--inclusive') {
    for (const f of inclusiveTimes(path, rest[1] ? Number(rest[1]) : 30, window)) {
      process.stdout.write(`  ${String(f.selfPercent).padStart(5)}%  ${f.name}  ${f.where}\n`);
    }
  } else if (rest[0] === '--callers') {
    for (const { stack, selfPercent } of callersOf(
      path,
      rest[1],
      rest[2] ? Number(rest[2]) : 8,
      10,
      window,
    )) {
      process.stdout.write(`${selfPercent}%\n  ${stack.join('\n    < ')}\n`);
    }
  } else {
    process.stdout.write(
      renderProfileSummary(summariseProfile(path, rest[0] ? Number(rest[0]) : 25, window)) + '\n',
    );
  }
}

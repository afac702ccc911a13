// `berth layers` and `berth ci`: the layer analysis on the command line.
import { readFile } from 'node:fs/promises';
import { createDockerDriver } from '../engines/docker-driver';
import { summarizeDiscovery } from '../hosts/describe';
import { localDiscovery } from '../hosts/discover';
import { analysisJson, analyzeImage, type Analysis } from '../layers/analysis';
import { diskCache, defaultCacheDir } from '../layers/cache';
import { DEFAULT_RULES, evaluateRules, formatResults, parseCiConfig } from '../layers/ci';
import { loadImage, type LayerSource } from '../layers/load';
import { displayName } from '../layers/names';
import type { Command, ImageSource } from './args';

type LayersCommand = Extract<Command, { name: 'layers' }>;
type CiCommand = Extract<Command, { name: 'ci' }>;

export interface CommandIo {
  out: (text: string) => void;
  /** Where the layer cache lives; the user's cache folder by default. */
  cacheDir?: string;
}

async function analyse(image: string, source: ImageSource, cacheDir: string | undefined): Promise<Analysis> {
  if (source.kind === 'archive') return analyzeImage(await loadImage(image, source, { cache: diskCache(cacheDir ?? defaultCacheDir()) }));
  const discovery = await localDiscovery()(new AbortController().signal);
  if (!discovery.found) throw new Error(`No container engine answered. ${summarizeDiscovery(discovery.tried)}`);
  const driver = createDockerDriver(discovery.found);
  try {
    const engine: LayerSource = { kind: 'engine', docker: driver.docker };
    return analyzeImage(await loadImage(image, engine, { cache: diskCache(cacheDir ?? defaultCacheDir()) }));
  } finally {
    driver.close();
  }
}

export async function runLayers(command: LayersCommand, io: CommandIo): Promise<number> {
  const analysis = await analyse(command.image, command.source, io.cacheDir);
  io.out(command.json ? JSON.stringify(analysisJson(analysis), null, 2) : formatAnalysis(analysis));
  return 0;
}

export async function runCi(command: CiCommand, io: CommandIo): Promise<number> {
  const rules = command.ciConfig
    ? parseCiConfig(await readFile(command.ciConfig, 'utf8'))
    : await readFile('.dive-ci', 'utf8').then(
        (text) => parseCiConfig(text),
        () => DEFAULT_RULES,
      );
  const { summary } = await analyse(command.image, command.source, io.cacheDir);
  const results = evaluateRules(summary, rules);
  io.out(`  efficiency: ${(summary.efficiency * 100).toFixed(4)} %\n  wastedBytes: ${summary.wastedBytes} bytes (${bytes(summary.wastedBytes)})\n  userWastedPercent: ${(summary.userWastedPercent * 100).toFixed(4)} %\n${formatResults(results)}`);
  return results.some((r) => r.status === 'FAIL') ? 1 : 0;
}

function formatAnalysis({ summary: s }: Analysis): string {
  const lines = [
    `Image       ${s.image}`,
    `Id          ${s.id}`,
    ...(s.entrypoint ? [`Entrypoint  ${JSON.stringify(s.entrypoint)}`] : []),
    `Command     ${s.cmd ? JSON.stringify(s.cmd) : '(none)'}`,
    `Size        ${bytes(s.totalSize)} in ${s.entryCount.toLocaleString('en-US')} entries`,
    '',
    `${'#'.padStart(3)}  ${'size'.padStart(10)}  ${'added'.padStart(7)} ${'changed'.padStart(7)} ${'removed'.padStart(7)}  created by`,
  ];
  for (const h of s.history) {
    const l = h.layer === null ? null : s.layers[h.layer]!;
    const step = h.step.slice(0, 90);
    lines.push(
      l
        ? `${String(l.index).padStart(3)}  ${bytes(l.size).padStart(10)}  ${String(l.counts.added).padStart(7)} ${String(l.counts.modified).padStart(7)} ${String(l.counts.removed).padStart(7)}  ${step}`
        : `${'-'.padStart(3)}  ${'(empty)'.padStart(10)}  ${''.padStart(23)}  ${step}`,
    );
  }
  lines.push('', `Efficiency  ${(s.efficiency * 100).toFixed(2)} %`, `Wasted      ${bytes(s.wastedBytes)} (${(s.userWastedPercent * 100).toFixed(2)} % of what the layers above the first add)`);
  if (s.inefficiencies.length > 0) {
    lines.push('', `${'count'.padStart(5)}  ${'wasted'.padStart(10)}  path`);
    for (const i of s.inefficiencies.slice(0, 20)) lines.push(`${String(i.count).padStart(5)}  ${bytes(i.wastedBytes).padStart(10)}  ${displayName(i.path)}`);
    if (s.inefficiencies.length > 20) lines.push(`  … and ${s.inefficiencies.length - 20} more (--json has them all)`);
  }
  return lines.join('\n');
}

function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

// dive's CI rules, with dive's names, defaults and `.dive-ci` file:
//   rules:
//     lowestEfficiency: 0.95            # fail below this score
//     highestWastedBytes: 20MB          # fail above; "disabled" turns a rule off
//     highestUserWastedPercent: 0.20    # a fraction, as dive has it
// Pure: the caller reads the file.
import type { ImageSummary } from './analysis';

export type RuleName = 'lowestEfficiency' | 'highestWastedBytes' | 'highestUserWastedPercent';
export type CiRules = Record<RuleName, number | null>;

/** dive's defaults when no file or option says otherwise. */
export const DEFAULT_RULES: CiRules = { lowestEfficiency: 0.9, highestWastedBytes: null, highestUserWastedPercent: 0.1 };

export interface RuleResult {
  rule: RuleName;
  status: 'PASS' | 'FAIL' | 'SKIP';
  message: string;
}

export class CiConfigError extends Error {
  override name = 'CiConfigError';
}

/** Reads the `rules:` section of a .dive-ci file (a small YAML subset: `key: value` lines). */
export function parseCiConfig(text: string, base: CiRules = DEFAULT_RULES): CiRules {
  const rules = { ...base };
  let inRules = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      inRules = /^rules\s*:\s*$/.test(line);
      continue;
    }
    if (!inRules) continue;
    const m = /^\s+([A-Za-z]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) throw new CiConfigError(`Cannot read this line of the CI config: "${raw.trim()}".`);
    const [, key, value] = m as unknown as [string, string, string];
    if (!(key in rules)) throw new CiConfigError(`Unknown rule "${key}"; the rules are ${Object.keys(DEFAULT_RULES).join(', ')}.`);
    rules[key as RuleName] = parseRuleValue(key as RuleName, value.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return rules;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, k: 1e3, m: 1e6, g: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

function parseRuleValue(rule: RuleName, value: string): number | null {
  if (value.toLowerCase() === 'disabled') return null;
  if (rule === 'highestWastedBytes') {
    // dive reads sizes the way go-humanize does: MB is 10^6, MiB is 2^20.
    const m = /^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(value);
    const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
    if (!m || unit === undefined) throw new CiConfigError(`highestWastedBytes takes a size such as 20MB or 1GiB, or "disabled", not "${value}".`);
    return Math.round(Number(m[1]) * unit);
  }
  const n = Number(value);
  if (value === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new CiConfigError(`${rule} takes a number from 0 to 1, or "disabled", not "${value}".`);
  return n;
}

export function evaluateRules(summary: Pick<ImageSummary, 'efficiency' | 'wastedBytes' | 'userWastedPercent'>, rules: CiRules): RuleResult[] {
  const check = (rule: RuleName, threshold: number | null, failed: (t: number) => boolean, why: (t: number) => string): RuleResult =>
    threshold === null ? { rule, status: 'SKIP', message: 'rule disabled' } : failed(threshold) ? { rule, status: 'FAIL', message: why(threshold) } : { rule, status: 'PASS', message: '' };
  return [
    check('highestUserWastedPercent', rules.highestUserWastedPercent, (t) => summary.userWastedPercent > t, (t) => `too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=${fmt(summary.userWastedPercent)} > threshold=${t})`),
    check('highestWastedBytes', rules.highestWastedBytes, (t) => summary.wastedBytes > t, (t) => `too many bytes wasted (wasted-bytes=${summary.wastedBytes} > threshold=${t})`),
    check('lowestEfficiency', rules.lowestEfficiency, (t) => summary.efficiency < t, (t) => `image efficiency is too low (efficiency=${fmt(summary.efficiency)} < threshold=${t})`),
  ];
}

const fmt = (n: number) => String(Math.round(n * 10000) / 10000);

/** dive's report: one line per rule, then the tally. */
export function formatResults(results: readonly RuleResult[]): string {
  const count = (s: RuleResult['status']) => results.filter((r) => r.status === s).length;
  const failed = count('FAIL');
  return [
    '  Results:',
    ...results.map((r) => `    ${r.status}: ${r.rule}${r.message ? `: ${r.message}` : ''}`),
    `  Result:${failed > 0 ? 'FAIL' : 'PASS'} [Total:${results.length}] [Passed:${count('PASS')}] [Failed:${failed}] [Warn:0] [Skipped:${count('SKIP')}]`,
  ].join('\n');
}

import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../main/commands/args';
import { CiConfigError, DEFAULT_RULES, evaluateRules, formatResults, parseCiConfig } from '../../../main/layers/ci';

describe('dive CI rules', () => {
  it('reads a .dive-ci file the way dive does, sizes in go-humanize units', () => {
    const text = `# rules for CI
rules:
  lowestEfficiency: 0.95
  highestWastedBytes: 20MB   # 20 * 10^6
  highestUserWastedPercent: "disabled"
`;
    expect(parseCiConfig(text)).toEqual({ lowestEfficiency: 0.95, highestWastedBytes: 20_000_000, highestUserWastedPercent: null });
    expect(parseCiConfig('rules:\n  highestWastedBytes: 1MiB\n')).toEqual({ ...DEFAULT_RULES, highestWastedBytes: 1024 * 1024 });
    expect(parseCiConfig('')).toEqual(DEFAULT_RULES);
    expect(() => parseCiConfig('rules:\n  lowestEfficiency: 95\n')).toThrow(CiConfigError);
    expect(() => parseCiConfig('rules:\n  smallestImage: 1\n')).toThrow(/Unknown rule "smallestImage"/);
  });

  it('fails the rules an image breaks and prints dive-style results', () => {
    const results = evaluateRules({ efficiency: 0.5, wastedBytes: 3000, userWastedPercent: 0.05 }, { lowestEfficiency: 0.9, highestWastedBytes: null, highestUserWastedPercent: 0.1 });
    expect(results.map((r) => `${r.rule} ${r.status}`)).toEqual(['highestUserWastedPercent PASS', 'highestWastedBytes SKIP', 'lowestEfficiency FAIL']);
    const text = formatResults(results);
    expect(text).toContain('FAIL: lowestEfficiency: image efficiency is too low (efficiency=0.5 < threshold=0.9)');
    expect(text).toContain('Result:FAIL [Total:3] [Passed:1] [Failed:1] [Warn:0] [Skipped:1]');
  });
});

describe('berth layers and berth ci arguments', () => {
  it('parses the image, --json, --source and --ci-config', () => {
    expect(parseArgs(['layers', 'alpine:3', '--json'])).toEqual({ name: 'layers', image: 'alpine:3', json: true, source: { kind: 'engine' } });
    expect(parseArgs(['layers', '--source', 'archive', '/tmp/a.tar'])).toEqual({ name: 'layers', image: '', json: false, source: { kind: 'archive', path: '/tmp/a.tar' } });
    expect(parseArgs(['ci', 'app', '--ci-config=rules.yaml'])).toEqual({ name: 'ci', image: 'app', ciConfig: 'rules.yaml', source: { kind: 'engine' } });
  });

  it('says what is missing', () => {
    expect(() => parseArgs(['layers'])).toThrow(/Which image\?/);
    expect(() => parseArgs(['layers', 'x', '--source', 'registry'])).toThrow(/engine or archive/);
    expect(() => parseArgs(['layers', 'x', '--source', 'archive'])).toThrow(/takes the path/);
    expect(() => parseArgs(['ci', 'x', '--json'])).toThrow(/Unknown option "--json" for ci/);
  });
});

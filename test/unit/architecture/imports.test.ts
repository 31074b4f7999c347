import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The package exports no package.json; its CLI sits in node_modules/.bin's target.
const depcruise = join(process.cwd(), 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Cruise {
  modules: { source: string }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number };
}

describe('architecture', () => {
  it('imports point down the layers of .dependency-cruiser.cjs and no modules form a circle', () => {
    // The README's command, with JSON out so the test can name each offending import.
    const out = execFileSync(process.execPath, [depcruise, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const cruise = JSON.parse(out) as Cruise;
    const sources = cruise.modules.map((m) => m.source);
    // The cruise really walked the code: every layer's folders and the entry points are in it.
    for (const f of ['src/model/errors.ts', 'src/pipeline/registry.ts', 'src/run/runCorpus.ts', 'src/store/write.ts', 'src/cli/main.ts']) expect(sources).toContain(f);
    expect(cruise.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});

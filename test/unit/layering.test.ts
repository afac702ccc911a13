// The layering rules of DESIGN.md are lint rules; these cases prove they bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const problems = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
};

// ESLint loads the TypeScript parser on first use: slow on a busy 2-core machine.
describe('layering rules', { timeout: 30_000 }, () => {
  it('keeps Electron out of domain code and allows it in main/app', async () => {
    expect(await problems('main/images/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringContaining('Only main/app/')]);
    expect(await problems('main/app/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('lets the renderer import types from main, but no runtime code and no Node', async () => {
    expect(await problems('renderer/src/probe.ts', "import type { BerthRouter } from '../../main/api/router';\nexport type R = BerthRouter;\n")).toEqual([]);
    expect(await problems('renderer/src/probe.ts', "import { router } from '../../main/api/router';\nexport const r = router;\n")).toEqual([expect.stringContaining('only types from main')]);
    expect(await problems('renderer/src/probe.ts', "import { readFile } from 'fs';\nexport const r = readFile;\n")).toEqual([expect.stringContaining('No Node in the renderer.')]);
  });

  it('keeps domain code from depending on the Electron app', async () => {
    expect(await problems('main/server/probe.ts', "import { bindIpc } from '../app/ipc';\nexport const b = bindIpc;\n")).toEqual([expect.stringContaining('does not depend on the Electron app')]);
  });
});

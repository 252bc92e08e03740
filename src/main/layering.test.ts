// The layering in DESIGN.md is enforced by ESLint; these tests prove the rule bites by
// linting forbidden imports placed (virtually) in each layer.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layering lint rules', () => {
  it.each([
    ['src/engine/render/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src/engine/render/bad.ts', "import fs from 'fs';\nexport const x = fs;\n"],
    ['src/engine/render/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/engine/render/bad.ts', "import { x } from '../../main/studio';\nexport const y = x;\n"],
    ['src/shared/bad.ts', "import { x } from '../engine/camera';\nexport const y = x;\n"],
    ['src/renderer/bad.ts', "import { x } from '../engine/camera';\nexport const y = x;\n"],
    ['src/renderer/bad.ts', "import { x } from '../main/studio';\nexport const y = x;\n"],
    ['src/preload/bad.ts', "import { x } from '../main/studio';\nexport const y = x;\n"],
    ['src/preload/bad.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n"],
  ])('%s: forbidden import is reported', async (filePath, code) => {
    expect(await ruleIdsFor(code, filePath)).toContain('no-restricted-imports');
  });

  it('engine code may not touch DOM globals', async () => {
    const ids = await ruleIdsFor('export const w = document.title;\n', 'src/engine/render/bad.ts');
    expect(ids).toContain('no-restricted-globals');
  });

  it('allowed imports pass', async () => {
    const engineOk = await ruleIdsFor("import { z } from 'zod';\nexport const y = z;\n", 'src/engine/x.ts');
    const rendererOk = await ruleIdsFor(
      "import { STUDIO_METHODS } from '../shared';\nexport const y = STUDIO_METHODS;\n",
      'src/renderer/x.ts',
    );
    expect(engineOk).toEqual([]);
    expect(rendererOk).toEqual([]);
  });
});

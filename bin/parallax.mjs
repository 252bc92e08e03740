#!/usr/bin/env node
// `parallax` (package.json bin): runs the CLI from the TypeScript sources through tsx, so
// `npx parallax …` works in the repository without a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

// Print the scene-type decision and its measured reasons for capture folders (a diagnostic for
// tuning the thresholds in src/engine/data/scene-type.ts on real captures).
// Run: npx tsx scripts/scene-type-of.ts <captureDir> [...]
import { openCaptureFolder } from '../src/main/capture-io';
import { classifySceneType } from '../src/engine/data';

for (const dir of process.argv.slice(2)) {
  const capture = await openCaptureFolder(dir, { maxSide: 128 });
  const d = classifySceneType(capture);
  console.log(`${dir}: ${d.type} (${d.why})\n  ${JSON.stringify(d.reasons)}`);
}

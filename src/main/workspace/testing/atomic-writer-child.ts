// Test fixture: a child process that streams a large file through writeFileAtomic slowly, so the
// parent can SIGKILL it mid-write. Usage: node --import tsx atomic-writer-child.ts <target> <MiB>
import { writeFileAtomic } from '../atomic';

const [target, mib] = process.argv.slice(2);
async function* chunks(): AsyncGenerator<Uint8Array> {
  const chunk = new Uint8Array(1 << 20).fill(0x42);
  for (let i = 0; i < Number(mib); i++) {
    yield chunk;
    if (i === 1) process.stdout.write('writing\n');
    await new Promise((r) => setTimeout(r, 20));
  }
}
await writeFileAtomic(target, chunks());
process.stdout.write('done\n');

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** data/README.md's checksum table against the files: every file listed, every size and hash as stated. */
const DATA = fileURLToPath(new URL('../data', import.meta.url));
const readme = readFileSync(join(DATA, 'README.md'), 'utf8');

const listed = readme
  .split('\n')
  .filter((line) => /^\| `[^`]+` \| [\d,]+ \|/.test(line))
  .map((line) => {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '').replace(/`/g, ''));
    return { file: cells[0] ?? '', bytes: Number((cells[1] ?? '').replace(/,/g, '')), md5: cells[3], sha256: cells[4] };
  });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(DATA, join(dir, entry.name))],
  );
}

describe('data/', () => {
  it('holds exactly the files its README lists (besides the README)', () => {
    expect(listed.map((f) => f.file).sort()).toEqual(
      filesUnder(DATA)
        .filter((f) => f !== 'README.md')
        .sort(),
    );
  });

  it.each(listed)('$file has the size, md5 and sha256 the README states', ({ file, bytes, md5, sha256 }) => {
    const content = readFileSync(join(DATA, file));
    expect(content.length).toBe(bytes);
    expect(createHash('md5').update(content).digest('hex')).toBe(md5);
    expect(createHash('sha256').update(content).digest('hex')).toBe(sha256);
  });
});

import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR } from '../../src/io/load-packs.js';
import { loadPack } from '../../src/ruleset/load-pack.js';
import { restoreSnapshot, takeSnapshot, type PackSnapshot } from '../../src/ruleset/pack-snapshot.js';
import { tempTree } from '../helpers/fixtures.js';

const tree = tempTree();
afterAll(tree.remove);

/** A copy of the default pack in a fresh folder, with a snapshot taken there and saved as JSON. */
function copyWithSnapshot(name: string): { dir: string; snapshot: PackSnapshot } {
  const dir = join(tree.dir, name);
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  const { source, errors } = loadPack(dir);
  expect(errors).toEqual([]);
  return { dir, snapshot: JSON.parse(JSON.stringify(takeSnapshot(source!))) as PackSnapshot };
}

describe('pack snapshots', () => {
  it('restores exactly what loading the YAML gives, in another folder too', () => {
    const { dir, snapshot } = copyWithSnapshot('a');
    expect(restoreSnapshot(snapshot, dir)).toEqual(loadPack(dir).source);
    const moved = join(tree.dir, 'moved');
    cpSync(dir, moved, { recursive: true });
    const restored = restoreSnapshot(snapshot, moved)!;
    expect(restored).toEqual(loadPack(moved).source);
    expect(restored.rules[0]!.file.startsWith(moved)).toBe(true);
  });

  it('is not used once a rule file, the glossary, the file list or the loader code changes', () => {
    const { dir, snapshot } = copyWithSnapshot('b');
    writeFileSync(join(dir, 'empathy.yaml'), '\n# edited\n', { flag: 'a' });
    expect(restoreSnapshot(snapshot, dir)).toBeUndefined();

    const g = copyWithSnapshot('c');
    writeFileSync(join(g.dir, 'glossary', 'jargon.yaml'), '\n# a comment changes the bytes\n', { flag: 'a' });
    expect(restoreSnapshot(g.snapshot, g.dir)).toBeUndefined();

    const n = copyWithSnapshot('d');
    writeFileSync(join(n.dir, 'zz-new-rule.yaml'), 'type: phrase\n');
    expect(restoreSnapshot(n.snapshot, n.dir)).toBeUndefined();

    // taken by other loader code (another build): not trusted either
    const c = copyWithSnapshot('e');
    expect(restoreSnapshot(c.snapshot, c.dir)).toBeDefined();
    expect(restoreSnapshot({ ...c.snapshot, code: 'another-build' }, c.dir)).toBeUndefined();
  });

  it('records every file read, the glossary included, in the order hashed', () => {
    const { source } = loadPack(DEFAULT_PACK_DIR);
    expect(source!.files[0]).toBe('pack.yaml');
    expect(source!.files).toContain('glossary/jargon.yaml');
    expect(source!.files.filter((f) => f.endsWith('.yaml')).length).toBeGreaterThan(25);
  });
});

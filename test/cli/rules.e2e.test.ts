import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempTree, UNIT_PACK_DIR } from '../helpers/fixtures.js';

const tree = tempTree();
afterAll(tree.remove);

function copyUnitPack(name: string): string {
  const dir = join(tree.dir, name);
  cpSync(UNIT_PACK_DIR, dir, { recursive: true });
  return dir;
}

describe('cxlint rules', () => {
  it('rules test passes on the default pack', () => {
    const r = runCli(['rules', 'test']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('rules test passes on a correct pack folder', () => {
    const r = runCli(['rules', 'test', UNIT_PACK_DIR]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('8/8');
  });

  it('rules test exits 1 on a pack with a wrong example and names the rule', () => {
    const dir = copyUnitPack('wrong-example');
    const file = join(dir, 'kindness.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"A: Goodbye."', '"A: Always happy to help."'));
    const r = runCli(['rules', 'test', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('unit/kindness');
    expect(r.stdout).not.toContain('unit/apology');
  });

  it('rules test exits 2 when a rule does not load', () => {
    const dir = copyUnitPack('bad-rule');
    writeFileSync(join(dir, 'broken.yaml'), 'type: phrase\nsignal: nonexistent\n');
    const r = runCli(['rules', 'test', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join(dir, 'broken.yaml'));
  });

  it('rules list --format json lists the rules of the packs', () => {
    const r = runCli(['rules', 'list', '--format', 'json', '--rules', UNIT_PACK_DIR]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.pack.name).toBe('inward+unit');
    const ids = doc.rules.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['unit/apology', 'unit/jargon', 'unit/kindness', 'unit/silence', 'inward/system-apology']));
    expect(doc.rules.find((x: { id: string }) => x.id === 'unit/apology')).toMatchObject({ signal: 'apology', polarity: 'inward', weight: 6, type: 'phrase' });
  });
});

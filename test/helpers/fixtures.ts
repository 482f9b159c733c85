import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Call, Speaker } from '../../src/model/call.js';
import { compilePack, type CompiledPack } from '../../src/ruleset/compile-pack.js';
import { loadPack } from '../../src/ruleset/load-pack.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const UNIT = join(ROOT, 'fixtures', 'unit');
export const UNIT_PACK_DIR = join(UNIT, 'packs', 'unit');

/** The small test pack in fixtures/unit/packs/unit, compiled; throws if it does not load cleanly. */
export function unitPack(): CompiledPack {
  const loaded = loadPack(UNIT_PACK_DIR);
  if (!loaded.source || loaded.errors.length > 0) throw new Error(`unit pack: ${JSON.stringify(loaded.errors)}`);
  const { pack, errors } = compilePack(loaded.source);
  if (errors.length > 0) throw new Error(`unit pack: ${JSON.stringify(errors)}`);
  return pack;
}

export type TurnSpec = [Speaker, string] | [Speaker, string, number] | [Speaker, string, number, number];

/** A Call from [speaker, text, startSeconds?, endSeconds?] tuples. */
export function makeCall(id: string, turns: TurnSpec[], meta: Call['meta'] = {}): Call {
  return {
    id,
    source: { file: `${id}.test`, record: 0 },
    meta,
    turns: turns.map(([speaker, text, start, end], index) => ({
      index,
      speaker,
      text,
      ...(start !== undefined ? { startMs: Math.round(start * 1000) } : {}),
      ...(end !== undefined ? { endMs: Math.round(end * 1000) } : {}),
    })),
  };
}

/** A fresh temporary folder; files maps relative paths to contents. */
export function tempTree(files: Record<string, string | Uint8Array> = {}): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cxlint-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run the built CLI (bin/cxlint.js → dist/) from the repo root (or `cwd`) with colour off. */
export function runCli(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): SpawnSyncReturns<string> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  if (!options.env?.FORCE_COLOR) delete env.FORCE_COLOR;
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'cxlint.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    input: options.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
}

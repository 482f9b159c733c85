// Part of `npm run build`: save the default rule pack, loaded and checked, as JSON next to dist/, so
// a run can skip parsing its YAML while the files are unchanged (see src/ruleset/pack-snapshot.ts).
import { rmSync, writeFileSync } from 'node:fs';
import { DEFAULT_PACK_DIR, DEFAULT_PACK_SNAPSHOT } from '../dist/io/load-packs.js';
import { loadPack } from '../dist/ruleset/load-pack.js';
import { takeSnapshot } from '../dist/ruleset/pack-snapshot.js';

const { source, errors } = loadPack(DEFAULT_PACK_DIR);
if (!source || errors.length > 0) {
  // a pack with errors is loaded from its YAML every time, so its errors are reported every time
  rmSync(DEFAULT_PACK_SNAPSHOT, { force: true });
  console.error(`default pack has ${errors.length} error(s): no snapshot written`);
} else {
  writeFileSync(DEFAULT_PACK_SNAPSHOT, JSON.stringify(takeSnapshot(source)));
}

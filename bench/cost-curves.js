// How the cost of `cxlint score` grows with calls, turns per call and pack size: each series
// changes one of the three and keeps the others fixed, on one thread (--concurrency 1) so the
// figures are per core. Prints µs per turn after taking off the process start-up.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './generate-corpus.js';

/** Turns in a generated JSONL corpus (each turn has one "speaker" key). */
const countTurns = (file) => readFileSync(file, 'utf8').split('"speaker":').length - 1;

async function corpus(out, packDir, calls, turns) {
  const base = join(out, `corpus-${calls}x${turns}`);
  if (!existsSync(`${base}.jsonl`)) await generateCorpus({ base, calls, turns, seed: 42, packDir });
  return `${base}.jsonl`;
}

/**
 * A copy of the default pack (same name, so it replaces the default) with `n` rules: the first n in
 * file order, or every rule twice over (copies under new ids) when n is larger than the pack.
 */
function packOfSize(out, packDir, n) {
  const dir = join(out, `pack-${n}`, 'inward');
  rmSync(join(out, `pack-${n}`), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(packDir, 'pack.yaml'), join(dir, 'pack.yaml'));
  if (existsSync(join(packDir, 'glossary'))) cpSync(join(packDir, 'glossary'), join(dir, 'glossary'), { recursive: true });
  const rules = readdirSync(packDir).filter((f) => f.endsWith('.yaml') && f !== 'pack.yaml').sort();
  for (let i = 0; i < n; i++) {
    const name = rules[i % rules.length];
    const copy = Math.floor(i / rules.length);
    writeFileSync(join(dir, copy === 0 ? name : name.replace('.yaml', `-copy${copy}.yaml`)), readFileSync(join(packDir, name)));
  }
  return { dir: join(out, `pack-${n}`), rules: n };
}

export async function costCurves({ out, packDir, cli, timed, startupMs, row }) {
  const score = (file, extra = []) => timed(process.execPath, [cli, 'score', file, '--format', 'ndjson', '--no-progress', '--concurrency', '1', ...extra]);
  const line = (label, file, extra) => {
    const turns = countTurns(file);
    const r = score(file, extra);
    const perTurn = ((r.ms - startupMs) * 1000) / turns;
    row(label, `${(r.ms / 1000).toFixed(2)} s · ${turns} turns · ${perTurn.toFixed(1)} µs/turn · peak RSS ${r.rssMb.toFixed(0)} MB`);
    return perTurn;
  };
  const defaultRules = readdirSync(packDir).filter((f) => f.endsWith('.yaml') && f !== 'pack.yaml').length;

  console.log('\ncost curves (one thread; µs per turn after start-up)');
  for (const calls of [1000, 2000, 4000]) line(`  calls: ${calls} × ~60 turns`, await corpus(out, packDir, calls, 60));
  for (const [calls, turns] of [[8000, 15], [2000, 60], [500, 240], [20, 6000]]) line(`  turns per call: ~${turns} (${calls} calls)`, await corpus(out, packDir, calls, turns));
  const fixed = await corpus(out, packDir, 2000, 60);
  for (const n of [7, 14, defaultRules, defaultRules * 2]) {
    const pack = packOfSize(out, packDir, n);
    line(`  pack size: ${n} rules`, fixed, ['--rules', pack.dir]);
  }
}

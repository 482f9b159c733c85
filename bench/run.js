// npm run bench: generate the corpus, time `cxlint score --format ndjson` against ripgrep over the
// same bytes, measure peak RSS and start-up. Prints figures; asserts nothing (targets are in the README).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { costCurves } from './cost-curves.js';
import { generateCorpus } from './generate-corpus.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const CLI = join(ROOT, 'bin', 'cxlint.js');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CALLS = arg('calls', 20000);
const TURNS = arg('turns', 60);
const SCALE = arg('scale', 1);

mkdirSync(OUT, { recursive: true });

/**
 * Run a command, return wall ms and (via /usr/bin/time when present) peak RSS in MB and CPU seconds
 * (user + system, all threads): on a shared machine CPU time moves less than wall time.
 */
function timed(cmd, cmdArgs, options = {}) {
  const useTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 30, ...options })
    : spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const [rssKb, user, sys] = useTime ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, rssMb: rssKb / 1024, cpuS: user + sys, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ensureRipgrep() {
  if (spawnSync('rg', ['--version']).status === 0) return true;
  console.error('ripgrep not found; installing it from the system packages (apt-get install ripgrep)…');
  spawnSync('apt-get', ['install', '-y', 'ripgrep'], { stdio: 'ignore' });
  return spawnSync('rg', ['--version']).status === 0;
}

const cores = availableParallelism();
const row = (label, value) => console.log(`${label.padEnd(34)} ${value}`);

const base = join(OUT, `corpus-${CALLS}x${TURNS}`);
if (!existsSync(`${base}.jsonl`)) {
  console.error(`generating ${CALLS} calls × ~${TURNS} turns (seed 42)…`);
  await generateCorpus({ base, calls: CALLS, turns: TURNS, seed: 42, packDir: join(ROOT, 'rules', 'inward') });
}
const mb = statSync(`${base}.jsonl`).size / 1e6;

// the default pack's literal phrases, for the ripgrep reference: rule example lines are the closest
// literal stand-in for what the pack looks for
const literalPhrases = spawnSync(process.execPath, [CLI, 'rules', 'list', '--format', 'json'], { encoding: 'utf8' });
const ruleCount = JSON.parse(literalPhrases.stdout).rules.length;
const phraseFile = join(OUT, 'phrases.txt');
const packPhrases = spawnSync(process.execPath, [join(ROOT, 'bench', 'pack-literals.js')], { encoding: 'utf8' }).stdout;
writeFileSync(phraseFile, packPhrases);

console.log(`\ncxlint benchmark — ${CALLS} calls, ~${TURNS} turns each, ${mb.toFixed(1)} MB JSONL, ${ruleCount} rules, node ${process.version}\n`);
const score = timed(process.execPath, [CLI, 'score', `${base}.jsonl`, '--format', 'ndjson', '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
const scoredLines = score.stdout.split('\n').filter((l) => l.startsWith('{"type":"call"')).length;
row(`score --format ndjson (JSONL, ${cores} threads)`, `${(score.ms / 1000).toFixed(2)} s · ${(scoredLines / (score.ms / 1000)).toFixed(0)} calls/s · ${(mb / (score.ms / 1000)).toFixed(1)} MB/s · ${score.cpuS.toFixed(1)} s CPU · peak RSS ${score.rssMb.toFixed(0)} MB · exit ${score.status}`);
const single = timed(process.execPath, [CLI, 'score', `${base}.jsonl`, '--format', 'ndjson', '--no-progress', '--concurrency', '1']);
row('score --format ndjson (JSONL, 1 thread)', `${(single.ms / 1000).toFixed(2)} s · ${(scoredLines / (single.ms / 1000)).toFixed(0)} calls/s · ${(mb / (single.ms / 1000)).toFixed(1)} MB/s · ${single.cpuS.toFixed(1)} s CPU · peak RSS ${single.rssMb.toFixed(0)} MB · output ${single.stdout === score.stdout ? 'identical' : 'DIFFERENT'}`);
const csvMb = statSync(`${base}.csv`).size / 1e6;
const scoreCsv = timed(process.execPath, [CLI, 'score', `${base}.csv`, '--format', 'ndjson', '--no-progress']);
row('score --format ndjson (CSV)', `${(scoreCsv.ms / 1000).toFixed(2)} s · ${(csvMb / (scoreCsv.ms / 1000)).toFixed(1)} MB/s · peak RSS ${scoreCsv.rssMb.toFixed(0)} MB`);
if (ensureRipgrep()) {
  const rg = timed('rg', ['--count-matches', '-i', '-F', '-f', phraseFile, `${base}.jsonl`]);
  row('ripgrep reference (rg -i -F -f)', `${(rg.ms / 1000).toFixed(2)} s · ${(mb / (rg.ms / 1000)).toFixed(1)} MB/s`);
  row('cxlint / ripgrep', `${(score.ms / rg.ms).toFixed(1)}×`);
} else row('ripgrep reference', 'not available');
const version = [0, 1, 2, 3, 4].map(() => timed(process.execPath, [CLI, '--version']).ms).sort((a, b) => a - b)[2];
row('start-up: cxlint --version', `${version.toFixed(0)} ms (median of 5)`);
const small = join(ROOT, 'fixtures', 'calls', 'calls.jsonl');
const one = [0, 1, 2, 3, 4].map(() => timed(process.execPath, [CLI, 'score', small, '--format', 'json']).ms).sort((a, b) => a - b)[2];
row('start-up: score 6 small calls', `${one.toFixed(0)} ms (median of 5)`);
if (!args.includes('--no-curves')) await costCurves({ out: OUT, packDir: join(ROOT, 'rules', 'inward'), cli: CLI, timed, startupMs: one, row });
if (SCALE > 1) {
  // memory must not grow with the input: the same run on a corpus SCALE times larger (JSONL only)
  const bigBase = join(OUT, `corpus-${CALLS * SCALE}x${TURNS}`);
  if (!existsSync(`${bigBase}.jsonl`)) {
    console.error(`generating ${CALLS * SCALE} calls for --scale ${SCALE}…`);
    await generateCorpus({ base: bigBase, calls: CALLS * SCALE, turns: TURNS, seed: 43, packDir: join(ROOT, 'rules', 'inward'), csv: false });
  }
  const bigMb = statSync(`${bigBase}.jsonl`).size / 1e6;
  const big = timed(process.execPath, [CLI, 'score', `${bigBase}.jsonl`, '--format', 'ndjson', '--no-progress'], { stdio: ['ignore', 'ignore', 'pipe'] });
  console.log();
  row(`JSONL ×${SCALE} (${(bigMb / 1000).toFixed(2)} GB, ${cores} threads)`, `${(big.ms / 1000).toFixed(1)} s · ${(bigMb / (big.ms / 1000)).toFixed(1)} MB/s · ${big.cpuS.toFixed(0)} s CPU · peak RSS ${big.rssMb.toFixed(0)} MB · exit ${big.status}`);
}

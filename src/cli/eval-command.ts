import { readFileSync } from 'node:fs';
import Table from 'cli-table3';
import { runPack } from '../engine/run-pack.js';
import { disagreements, measureAccuracy, type Accuracy, type CallOutcome } from '../evaluation/accuracy.js';
import { parseLabelledLine, type LabelledCall } from '../evaluation/labelled-call.js';
import { expandInputs } from '../io/expand-inputs.js';
import { formatLoadError, loadPacks } from '../io/load-packs.js';
import { createRefResolver } from '../io/resolve-refs.js';
import { SCHEMA_VERSION } from '../model/result.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { chalkFor, stderrLine } from './terminal.js';

export interface EvalOptions {
  rules?: string[];
  baselineRules?: string;
  format: string;
  showErrors?: boolean;
  color?: boolean;
}

function outcomes(pack: CompiledPack, calls: LabelledCall[]): CallOutcome[] {
  return calls.map(({ call, expected }) => ({
    id: call.id,
    expected,
    findings: runPack(pack, call).findings.map((f) => ({ turn: f.turn, signal: f.signal })),
    turnCount: call.turns.length,
  }));
}

const pct = (n: number | null) => (n === null ? '—' : n.toFixed(2));

function accuracyTable(acc: Accuracy, baseline?: Accuracy): string {
  const head = ['Signal', 'Turns', 'TP', 'FP', 'FN', 'Precision', 'Recall', 'F1', 'Call P', 'Call R', 'Call F1'];
  if (baseline) head.push('F1 before');
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const s of acc.signals) {
    if (s.support.turns === 0 && s.turn.fp === 0) continue;
    const row = [s.signal, s.support.turns, s.turn.tp, s.turn.fp, s.turn.fn, pct(s.turn.precision), pct(s.turn.recall), pct(s.turn.f1), pct(s.call.precision), pct(s.call.recall), pct(s.call.f1)];
    if (baseline) row.push(pct(baseline.signals.find((b) => b.signal === s.signal)?.turn.f1 ?? null));
    table.push(row as string[]);
  }
  const macro = ['macro average', '', '', '', '', pct(acc.macro.turn.precision), pct(acc.macro.turn.recall), pct(acc.macro.turn.f1), pct(acc.macro.call.precision), pct(acc.macro.call.recall), pct(acc.macro.call.f1)];
  if (baseline) macro.push(pct(baseline.macro.turn.f1));
  table.push(macro);
  return table.toString();
}

/** Score a labelled set and report precision, recall and F1 per signal, at turn and call level. */
export function evalCommand(inputs: string[], options: EvalOptions): number {
  const { pack, errors } = loadPacks(options.rules ?? []);
  for (const e of errors) stderrLine(`cxlint: rule error: ${formatLoadError(e)}`);
  if (!pack) return EXIT_ERROR;
  let baseline: CompiledPack | undefined;
  if (options.baselineRules) {
    const loaded = loadPacks([options.baselineRules], false);
    for (const e of loaded.errors) stderrLine(`cxlint: baseline rule error: ${formatLoadError(e)}`);
    if (!loaded.pack) return EXIT_ERROR;
    baseline = loaded.pack;
  }
  const { files, errors: inputErrors } = expandInputs(inputs, ['.jsonl', '.ndjson']);
  for (const e of inputErrors) stderrLine(`cxlint: ${e.file}: ${e.message}`);
  const resolver = createRefResolver();
  const signals = new Set(Object.keys(pack.signals));
  const calls: LabelledCall[] = [];
  let skipped = 0;
  let bad = inputErrors.length;
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .forEach((line, i) => {
        if (line.trim() === '') return;
        const item = parseLabelledLine(line, file, i + 1, resolver.resolve, signals);
        if (item.kind === 'call') calls.push(item.labelled);
        else if (item.kind === 'skipped') skipped++;
        else {
          bad++;
          stderrLine(`cxlint: ${item.file}:${item.line}: ${item.message}`);
        }
      });
  }
  if (skipped > 0) stderrLine(`cxlint: skipped ${skipped} labelled calls whose text is not available: ${resolver.missing().slice(0, 3).join('; ')}`);
  const current = outcomes(pack, calls);
  const accuracy = measureAccuracy(current, Object.keys(pack.signals));
  const before = baseline ? outcomes(baseline, calls) : undefined;
  const baselineAccuracy = before && baseline ? measureAccuracy(before, Object.keys(pack.signals)) : undefined;
  const changed = before
    ? current
        .map((o, i) => ({ id: o.id, now: disagreements(o), before: disagreements(before[i]!) }))
        .filter((c) => JSON.stringify(c.now) !== JSON.stringify(c.before))
    : [];

  if (options.format === 'json') {
    const doc = {
      schemaVersion: SCHEMA_VERSION,
      pack: pack.info,
      labelled: { files, calls: calls.length, turns: accuracy.turns, skipped, errors: bad },
      accuracy,
      ...(baseline && baselineAccuracy ? { baseline: { pack: baseline.info, accuracy: baselineAccuracy, changedCalls: changed } } : {}),
      ...(options.showErrors ? { disagreements: current.map((o) => ({ id: o.id, items: disagreements(o) })).filter((d) => d.items.length > 0) } : {}),
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return bad > 0 ? EXIT_ERROR : EXIT_OK;
  }
  const chalk = chalkFor(process.stdout, options.color);
  const out: string[] = [];
  out.push(chalk.bold(`Accuracy on ${calls.length} labelled calls, ${accuracy.turns} turns`) + ` — pack ${pack.info.name} ${pack.info.version} (${pack.info.hash})`);
  out.push(accuracyTable(accuracy, baselineAccuracy));
  if (baseline) {
    out.push(`${changed.length} calls changed against baseline ${baseline.info.name} ${baseline.info.version}`);
    for (const c of changed) out.push(`  ${c.id}: disagreements before ${c.before.length}, now ${c.now.length}`);
  }
  if (options.showErrors) {
    const byId = new Map(calls.map((c) => [c.call.id, c.call]));
    for (const o of current) {
      for (const d of disagreements(o)) {
        const text = byId.get(o.id)?.turns[d.turn]?.text.replace(/\s+/g, ' ') ?? '';
        out.push(`${d.kind === 'missed' ? chalk.yellow('missed') : chalk.red('extra ')} ${d.signal.padEnd(16)} ${o.id} t${d.turn}: ${text.slice(0, 160)}`);
      }
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return bad > 0 ? EXIT_ERROR : EXIT_OK;
}

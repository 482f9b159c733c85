import { addToGrouped, emptyGrouped, finishGroups } from '../../src/aggregate/grouped-summary.js';
import { finishSummary } from '../../src/aggregate/summary.js';
import { runHeader } from '../../src/cli/score-command.js';
import { runPack } from '../../src/engine/run-pack.js';
import { readCalls } from '../../src/io/read-calls.js';
import type { Call } from '../../src/model/call.js';
import type { InputError } from '../../src/model/raw-call.js';
import type { Formatter } from '../../src/model/report.js';
import type { CallResult } from '../../src/model/result.js';
import type { CompiledPack } from '../../src/ruleset/compile-pack.js';
import { scoreCall } from '../../src/scoring/score-call.js';

/** Drive a formatter the way `cxlint score` does: start, one call or error per input record, end. */
export function formatInputs(formatter: Formatter, pack: CompiledPack, inputs: string[], groupBy?: string) {
  const calls = new Map<string, Call>();
  const results: CallResult[] = [];
  const errors: InputError[] = [];
  const grouped = emptyGrouped(groupBy);
  let text = formatter.start(runHeader(pack, groupBy));
  for (const item of readCalls(inputs)) {
    if (item.kind === 'error') {
      errors.push(item.error);
      text += formatter.error(item.error);
      continue;
    }
    const result = scoreCall(item.call, runPack(pack, item.call), pack);
    calls.set(item.call.id, item.call);
    results.push(result);
    addToGrouped(grouped, result);
    text += formatter.call(result);
  }
  text += formatter.end({
    counts: { inputs: results.length + errors.length, scored: results.length, errors: errors.length },
    summary: finishSummary(grouped.all, pack.signals),
    groups: finishGroups(grouped, pack.signals),
    errors,
  });
  return { text, calls, results, errors };
}

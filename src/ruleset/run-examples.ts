import { readPlainText } from '../adapters/plain-text.js';
import { runPack } from '../engine/run-pack.js';
import type { Call } from '../model/call.js';
import { isInputError, normaliseCall } from '../model/normalise-call.js';
import type { CompiledPack } from './compile-pack.js';

export interface ExampleFailure {
  ruleId: string;
  kind: 'match' | 'noMatch';
  example: string;
  problem: string;
}

/** A rule example is a short transcript in the plain-text form: "A: …" / "C: …" lines, optional [mm:ss]. */
export function exampleCall(text: string, id: string): Call | string {
  for (const item of readPlainText(text.replace(/\\n/g, '\n'), id, id)) {
    if (item.kind === 'error') return item.error.message;
    const call = normaliseCall(item.call, id);
    return isInputError(call) ? call.message : call;
  }
  return 'empty example';
}

/** Run each rule alone on its examples: match examples must fire it, noMatch examples must not. */
export function runExamples(pack: CompiledPack): { checked: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let checked = 0;
  for (const rule of pack.rules) {
    const examples = pack.examples.get(rule.id);
    if (!examples) continue;
    const solo: CompiledPack = { ...pack, rules: [rule] };
    for (const kind of ['match', 'noMatch'] as const) {
      for (const example of examples[kind]) {
        checked++;
        const call = exampleCall(example, `${rule.id}:${kind}`);
        if (typeof call === 'string') {
          failures.push({ ruleId: rule.id, kind, example, problem: `example does not parse: ${call}` });
          continue;
        }
        const run = runPack(solo, call);
        const fired = run.findings.length > 0;
        if (kind === 'match' && !fired) failures.push({ ruleId: rule.id, kind, example, problem: 'expected a finding, got none' });
        if (kind === 'noMatch' && fired) {
          const f = run.findings[0]!;
          failures.push({ ruleId: rule.id, kind, example, problem: `expected no finding, got one on turn ${f.turn}${f.span ? ` ("${f.span.text}")` : ''}` });
        }
      }
    }
  }
  return { checked, failures };
}

import { runPack } from '../engine/run-pack.js';
import { explainCall } from '../formatters/explain-call.js';
import { redactText, stripControls } from '../formatters/redact.js';
import type { Call } from '../model/call.js';
import { readCalls } from '../io/read-calls.js';
import { scoreCall } from '../scoring/score-call.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { roleWarnings, type InputCliOptions } from './input-options.js';
import { describeInputError, prepareCallRun } from './score-command.js';
import { chalkFor, stderrLine } from './terminal.js';

export interface ExplainOptions extends InputCliOptions {
  call?: string;
  rules?: string[];
  color?: boolean;
  ahtTarget?: string[];
  showPii?: boolean;
}

/** One call, turn by turn. Without --call the input must hold exactly one call. */
export function explainCommand(input: string, options: ExplainOptions): number {
  const prepared = prepareCallRun(options);
  if (!prepared) return EXIT_ERROR;
  const { read, targets, pack } = prepared;
  if (options.showPii) stderrLine('cxlint: --show-pii: card numbers, e-mails and phone numbers are shown unredacted');
  const ids: string[] = [];
  let chosen: Call | undefined;
  for (const item of readCalls([input], read)) {
    if (item.kind === 'error') {
      stderrLine(`cxlint: input error: ${describeInputError(item.error)}`);
      continue;
    }
    ids.push(item.call.id);
    if (options.call === undefined) {
      chosen ??= item.call;
      if (ids.length > 1) break;
    } else if (item.call.id === options.call) {
      chosen = item.call;
      break;
    }
  }
  if (chosen && (options.call !== undefined || ids.length === 1)) {
    roleWarnings().note(chosen);
    const result = scoreCall(chosen, runPack(pack, chosen, targets), pack);
    const clean = (text: string) => stripControls(options.showPii ? text : redactText(text));
    const text = explainCall(chosen, result, chalkFor(process.stdout, options.color), process.stdout.columns ?? 100, clean);
    process.stdout.write(text);
    return EXIT_OK;
  }
  if (options.call === undefined && ids.length > 1) {
    stderrLine(`cxlint: ${input} holds several calls; choose one with --call ID (e.g. ${ids.slice(0, 3).join(', ')})`);
  } else {
    stderrLine(`cxlint: no call "${options.call ?? ''}" in ${input}${ids.length > 0 ? `; calls there include ${ids.slice(0, 5).join(', ')}` : ''}`);
  }
  return EXIT_ERROR;
}

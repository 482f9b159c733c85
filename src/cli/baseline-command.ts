import { isatty } from 'node:tty';
import { BASELINE_VERSION, collectBaseline, type BaselineFile } from '../baseline/baseline.js';
import { runPack } from '../engine/run-pack.js';
import { readCalls } from '../io/read-calls.js';
import { scoreCall } from '../scoring/score-call.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import type { InputCliOptions } from './input-options.js';
import { describeInputError, openOutput, prepareCallRun } from './score-command.js';
import { stderrLine } from './terminal.js';
import { TOOL_VERSION } from './version.js';

export interface BaselineCreateOptions extends InputCliOptions {
  rules?: string[];
  ahtTarget?: string[];
  output?: string;
}

/**
 * `cxlint baseline create INPUTS -o baseline.json`: today's inward findings, fingerprinted, so that
 * `score --baseline` can tell yesterday's findings from new ones. Holds no transcript text: call
 * ids, rule ids, turns and hashes of the (redacted) evidence only.
 */
export async function baselineCreateCommand(inputs: string[], options: BaselineCreateOptions): Promise<number> {
  const prepared = prepareCallRun(options);
  if (!prepared) return EXIT_ERROR;
  const { read, targets, pack, hadErrors } = prepared;
  if (inputs.length === 0) inputs = ['-'];
  if (inputs.includes('-') && isatty(0)) {
    stderrLine('cxlint: no input files given and stdin is a terminal; try `cxlint baseline create fixtures/calls -o baseline.json`');
    return EXIT_ERROR;
  }
  const collected = collectBaseline();
  let calls = 0;
  let errors = 0;
  for (const item of readCalls(inputs, read)) {
    if (item.kind === 'error') {
      errors++;
      stderrLine(`cxlint: input error: ${describeInputError(item.error)}`);
      continue;
    }
    calls++;
    collected.add(scoreCall(item.call, runPack(pack, item.call, targets), pack));
  }
  const file: BaselineFile = { type: 'cxlint-baseline', baselineVersion: BASELINE_VERSION, tool: { name: 'cxlint', version: TOOL_VERSION }, pack: pack.info, entries: collected.entries() };
  const out = openOutput(options.output);
  if (!out) return EXIT_ERROR;
  out.write(`${JSON.stringify(file, null, 2)}\n`);
  if (out.error) {
    out.discard();
    stderrLine(`cxlint: cannot write the baseline: ${out.error.message}`);
    return EXIT_ERROR;
  }
  await out.commit();
  stderrLine(`cxlint: baseline: ${file.entries.length} finding(s) from ${calls} call(s)${options.output ? ` written to ${options.output}` : ''}`);
  return hadErrors || errors > 0 ? EXIT_ERROR : EXIT_OK;
}

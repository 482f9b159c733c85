import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { stderrLine } from './terminal.js';

export function starterConfig(packDir: string): string {
  return `# cxlint configuration. cxlint reads the first cxlint.config.yaml (or .yml, .json) it finds in
# the working folder or a folder above it, up to the repository root; --config FILE names another.
# Every key is a command-line option of \`cxlint score\` (long name in camelCase); the command line
# wins over this file. Paths are relative to this file. \`cxlint score --print-config\` shows the result.

# What to score when no inputs are given on the command line: files, folders, globs.
# inputs: [exports/]

# Rule packs added to the default one (a pack named "inward" would replace it).
rules: [${packDir}]

# Report: table | json | ndjson | csv | junit | sarif | github | markdown | summary-json
# format: junit
# output: reports/cxlint.xml          # written atomically; stdout when not set
# groupBy: agent                      # summarise per meta field

# Gates: each one failing exits 1 (see README "Gates").
# failUnder: 60                       # any call below this score
# failMeanUnder: 75                   # the mean score
# maxPrevalence: { referral: 20, system-apology: 10 }   # % of calls with the signal
# maxFindings: 50                     # inward findings in the run
# failOn: error                       # any finding of this severity or above
# reportOnly: false                   # true: always exit 0 (usage errors excepted)

# Baseline of accepted findings (cxlint baseline create INPUTS -o cxlint-baseline.json).
# baseline: cxlint-baseline.json

# Sampling and shards.
# sample: 10%                         # or a number of calls
# seed: 0
# stratify: agent
# shard: 1/4

# Reading the inputs.
# inputFormat: cxlint-json
# csvColumns: { id: conversation_id, speaker: role, text: utterance }
# segmentFields: { text: human_transcript, start: offset_ms }
# agentSpeaker: spk_1
# metaFromFilename: "(?<team>[^/]+)/(?<agent>[^_/]+)_"
# metaFile: calls-meta.csv

# Handle-time target: seconds for every queue, or per queue.
# ahtTarget: 600
# ahtTarget: { billing: 300, sales: 420 }

# showPii: false                      # true: evidence unredacted
# progress: true
# color: true
# concurrency: 2                      # worker threads for runs over 2,000 calls (default: cores, at most 4; 1 = none)
`;
}

export function starterPack(name: string): string {
  return `# A custom cxlint rule pack: this file plus one YAML file per rule (rule id = ${name}/<file name>).
# Loaded next to the default pack through \`rules:\` in cxlint.config.yaml (or --rules DIR); its
# examples run with \`cxlint rules test rules/${name}\`.
name: ${name}
version: 0.1.0
description: Our own rules

# The signals this pack's rules report, with their polarity: inward findings cost points, outward
# ones give points back. Reuse the ids of docs/signals.md where they fit, so summaries add up.
signals:
  internal-jargon: inward

# Used when this pack runs on its own (rules test); next to the default pack, the default pack's
# scoring and timing apply.
scoring:
  start: 100
  signalCap: 25
  outwardCap: 15
timing:
  gapSeconds: 10
  endWindowPercent: 20
  wordsPerSecond: 2.5
  holdAnnounce: [bear with me]
  holdReturn: [thanks for holding]
`;
}

export const STARTER_RULE = `# An example rule: the agent names an internal process step instead of what happens for the customer.
# Edit the phrases, the message and the examples; \`cxlint rules test\` checks the examples.
type: phrase
signal: internal-jargon
weight: 4
severity: warning
message: Internal process step "{{match}}"; say what will happen for the customer
description: The agent describes the organisation's workflow (tickets, queues, escalation levels) rather than the outcome.
scope: { speaker: agent }
phrases:
  - (raise|log|open) (a|an)? (ticket|incident|case)
  - (escalate|send|pass) (it|this)? (to)? (level|tier|L) #
exceptions:
  - (your|the customer's) ticket number
examples:
  match:
    - "A: I'll raise a ticket for that now."
    - "A: I'm going to escalate this to tier 2."
  noMatch:
    - "A: I'll book the engineer for Tuesday morning and text you the time."
    - "C: I raised a ticket last week."
`;

/**
 * `cxlint init [DIR]`: a commented cxlint.config.yaml and a custom rule pack with one example rule
 * whose examples pass `cxlint rules test`. Never overwrites a file unless --force.
 */
export function initCommand(dir: string | undefined, options: { packName?: string; force?: boolean }): number {
  const root = dir ?? '.';
  const name = options.packName ?? 'custom';
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    stderrLine(`cxlint: --pack-name "${name}": use lower-case letters, digits and dashes`);
    return EXIT_ERROR;
  }
  const packDir = join('rules', name);
  const files: [string, string][] = [
    [join(root, 'cxlint.config.yaml'), starterConfig(packDir)],
    [join(root, packDir, 'pack.yaml'), starterPack(name)],
    [join(root, packDir, 'internal-process-step.yaml'), STARTER_RULE],
  ];
  const existing = files.filter(([path]) => existsSync(path)).map(([path]) => path);
  if (existing.length > 0 && !options.force) {
    stderrLine(`cxlint: init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (--force overwrites)`);
    return EXIT_ERROR;
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    stderrLine(`cxlint: wrote ${relative(process.cwd(), path) || path}`);
  }
  stderrLine(`cxlint: next: cxlint rules test ${join(root, packDir)} && cxlint score --print-config`);
  return EXIT_OK;
}

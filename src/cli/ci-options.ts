import { Option, type Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The CI gates: on score and on merge, each exits 1 when it fails (README "Gates"). */
export function gateOptions(cmd: Command): Command {
  return cmd
    .option('--fail-under <score>', 'exit 1 when any call scores below this')
    .option('--fail-mean-under <score>', 'exit 1 when the mean score is below this')
    .option('--max-prevalence <signal=pct>', 'exit 1 when more than PCT % of calls carry SIGNAL, e.g. referral=20 (repeatable)', collect)
    .option('--max-findings <n>', 'exit 1 when there are more than N inward findings')
    .addOption(new Option('--fail-on <severity>', 'exit 1 on any inward finding of this severity or above').choices(['warning', 'error']))
    .option('--report-only', 'exit 0 whatever the results (usage and configuration errors still exit 2)');
}

/** Which calls a score run takes: a deterministic sample, a shard of a batch. */
export function selectionOptions(cmd: Command): Command {
  return cmd
    .option('--sample <n|pct%>', 'score a deterministic sample: N calls, or PCT% of the calls (by a hash of the call id and the seed)')
    .option('--seed <seed>', 'seed of the sample (default 0): another seed, another sample')
    .option('--stratify <field>', 'sample within each value of a meta field (agent, team, queue…)')
    .option('--shard <i/n>', 'score shard I of N (1-based), by a hash of the call id; combine the summary-json partials with `cxlint merge`');
}

/** The config file: found from the working folder up to the repository root, or given. */
export function configOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'read options from this file instead of the cxlint.config.yaml/.json found from here up to the repository root')
    .option('--print-config', 'print the resolved configuration (config file, inputs, every option) as JSON and exit');
}

import { Command, CommanderError, Option } from 'commander';
import { FORMATS, INPUT_FORMAT_NAMES, JARGON_FORMATS, MERGE_FORMATS } from './choices.js';
import { configOptions, gateOptions, selectionOptions } from './ci-options.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { stderrLine } from './terminal.js';
import { TOOL_VERSION } from './version.js';

// Commands are loaded when they run, not when the program starts: `--version` and `--help` stay fast.
const configured = () => import('./configured-action.js');

const collect = (value: string, previous: string[] = []) => [...previous, value];

function inputOptions(cmd: Command): Command {
  return cmd
    .option('--rules <dir>', 'add a rule pack folder (repeatable; a pack with the same name replaces the default)', collect)
    .option('--input-format <name>', `force the input format: ${INPUT_FORMAT_NAMES.join(', ')}`)
    .option('--csv-columns <map>', 'CSV column names, e.g. "id=conv,speaker=who,text=body"')
    .option('--segment-fields <map>', 'JSON segment field names, e.g. "text=human_transcript,start=offset_ms,duration=duration_ms,speaker=speaker_role"')
    .option('--agent-speaker <label>', 'the agent where the export names no roles: spk_1, ch_0, SPEAKER_00, a caption name, or a number')
    .option('--meta-from-filename <regex>', 'meta from named groups over each file path, e.g. "(?<team>[^/]+)/(?<agent>[^_/]+)_"')
    .option('--meta-file <csv>', 'meta per call from a CSV keyed by call id (or file name): agent, team, queue, …')
    .option('--no-color', 'no colour even on a terminal');
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('cxlint')
    .description('Score contact-centre call transcripts for inward-focused agent behaviour')
    .version(TOOL_VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    // before any sub-command is added, so that they all inherit it: a usage error is exit 2
    .exitOverride();

  const score = inputOptions(
    program
      .command('score', { isDefault: true })
      .description('score calls and print per-call results and a summary (default command)')
      .argument('[inputs...]', 'files, folders, globs, or - for stdin'),
  )
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to FILE (atomically: a temporary file, then renamed) instead of stdout')
    .option('--group-by <field>', 'summarise by a meta field: agent, team, queue…')
    .option('--aht-target <seconds>', 'handle-time target: SECONDS for every queue, or QUEUE=SECONDS (repeatable)', collect)
    .option('--show-pii', 'do not redact card numbers, e-mails and phone numbers in evidence (warned on stderr)')
    .option('--no-progress', 'no progress line on stderr')
    .option('--concurrency <n>', 'threads that score, the main thread included, for runs of more than 2,000 calls or JSONL over 32 MB (default: one per core, at most 4; 1 = main thread only); output is the same whatever N')
    .option('--baseline <file>', 'mark findings recorded by `cxlint baseline create` (kept, not counted by the gates) and report stale entries');
  configOptions(gateOptions(selectionOptions(score))).action(async (...args: [string[], unknown, Command]) =>
    (await configured()).configuredAction(async (inputs: string[], o: never) => (await import('./score-command.js')).scoreCommand(inputs, o), setExit)(...args),
  );

  inputOptions(
    program
      .command('explain')
      .description('show one call turn by turn with its findings marked in place')
      .argument('<input>', 'a file (or - for stdin) holding the call')
      .option('-c, --call <id>', 'the call id, when the input holds several calls')
      .option('--aht-target <seconds>', 'handle-time target: SECONDS, or QUEUE=SECONDS (repeatable)', collect)
      .option('--show-pii', 'do not redact card numbers, e-mails and phone numbers'),
  ).action(async (input: string, opts) => setExit((await import('./explain-command.js')).explainCommand(input, opts)));

  inputOptions(
    program
      .command('jargon')
      .description('rank candidate internal terms: words and phrases agents use that customers do not')
      .argument('[inputs...]', 'files, folders, globs, or - for stdin'),
  )
    .addOption(new Option('-f, --format <format>', 'output format').choices([...JARGON_FORMATS]).default('table'))
    .option('--limit <n>', 'how many candidates to list (and write)', '40')
    .option('--min-count <n>', 'fewest agent turns a term needs', '3')
    .option('--write-glossary <file>', 'write the listed terms that no glossary knows yet to a glossary YAML file (merged if it exists)')
    .addOption(new Option('--max-terms <n>', 'distinct terms counted at once (the memory bound)').hideHelp())
    .option('--no-progress', 'no progress line on stderr')
    .action(async (inputs: string[], opts) => setExit(await (await import('./jargon-command.js')).jargonCommand(inputs, opts)));

  // a parent command on its own is a usage error: help on stderr, exit 2
  const needsSubcommand = function (this: Command) {
    this.help({ error: true });
  };
  const rules = program.command('rules').description('list or test rule packs').action(needsSubcommand);
  rules
    .command('list')
    .description('list the rules of the default pack and any --rules packs')
    .option('--rules <dir>', 'add a rule pack folder', collect)
    .addOption(new Option('-f, --format <format>').choices(['table', 'json']).default('table'))
    .option('--no-color', 'no colour')
    .action(async (opts) => setExit((await import('./rules-command.js')).rulesListCommand(opts)));
  rules
    .command('test')
    .description("run every rule's match/noMatch examples (default pack when no folder is given)")
    .argument('[dir]', 'a rule pack folder, or a folder of packs')
    .option('--no-color', 'no colour')
    .action(async (dir: string | undefined, opts) => setExit((await import('./rules-command.js')).rulesTestCommand(dir, opts)));
  program
    .command('eval')
    .description('measure the rule pack on labelled calls: precision, recall and F1 per signal')
    .argument('<labelled...>', 'labelled JSONL files or folders (see fixtures/labelled/README.md)')
    .option('--rules <dir>', 'add a rule pack folder', collect)
    .option('--baseline-rules <dir>', 'compare against this rule pack (or folder of packs)')
    .option('--show-errors', 'list every missed and extra turn-level finding')
    .addOption(new Option('-f, --format <format>').choices(['table', 'json']).default('table'))
    .option('--no-color', 'no colour')
    .action(async (labelled: string[], opts) => setExit((await import('./eval-command.js')).evalCommand(labelled, opts)));
  const baseline = program
    .command('baseline')
    .description('record today\'s findings so that later runs report only new ones')
    .action(needsSubcommand);
  configOptions(
    inputOptions(
      baseline
        .command('create')
        .description('fingerprint every inward finding of the inputs into a baseline file (for score --baseline)')
        .argument('[inputs...]', 'files, folders, globs, or - for stdin')
        .option('-o, --output <file>', 'write the baseline to FILE (atomically) instead of stdout')
        .option('--aht-target <seconds>', 'handle-time target: SECONDS, or QUEUE=SECONDS (repeatable)', collect),
    ),
  ).action(async (...args: [string[], unknown, Command]) =>
    (await configured()).configuredAction(async (inputs: string[], o: never) => (await import('./baseline-command.js')).baselineCreateCommand(inputs, o), setExit, ['output'])(...args),
  );
  configOptions(
    gateOptions(
      program
        .command('merge')
        .description('combine summary-json partials of a sharded run into one report, gates and exit code')
        .argument('<partials...>', 'files written by `cxlint score … --format summary-json`')
        .addOption(new Option('-f, --format <format>', 'output format').choices([...MERGE_FORMATS]).default('table'))
        .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
        .option('--no-color', 'no colour'),
    ),
  ).action(async (...args: [string[], unknown, Command]) =>
    (await configured()).configuredAction(async (inputs: string[], o: never) => (await import('./merge-command.js')).mergeCommand(inputs, o), setExit, ['format', 'output', 'inputs'])(...args),
  );
  program
    .command('init')
    .description('write a commented cxlint.config.yaml and a custom rule pack with one example rule')
    .argument('[dir]', 'where to write them (default: the working folder)')
    .option('--pack-name <name>', 'name of the custom pack (rules/<name>/)', 'custom')
    .option('--force', 'overwrite files that exist')
    .action(async (dir: string | undefined, opts) => setExit((await import('./init-command.js')).initCommand(dir, opts)));
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit, so output is always flushed. */
export async function main(argv: string[]): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; a usage error (unknown option, missing sub-command…) is 2
      return e.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    }
    stderrLine(`cxlint: internal error: ${(e as Error).stack ?? String(e)}`);
    return EXIT_ERROR;
  }
  return code;
}

import Table from 'cli-table3';
import { loadPacks, formatLoadError } from '../io/load-packs.js';
import { runExamples } from '../ruleset/run-examples.js';
import { EXIT_ERROR, EXIT_OK, EXIT_THRESHOLD } from './exit-codes.js';
import { chalkFor, stderrLine } from './terminal.js';

export function rulesListCommand(options: { rules?: string[]; format?: string; color?: boolean }): number {
  const { pack, errors } = loadPacks(options.rules ?? []);
  for (const e of errors) stderrLine(`cxlint: rule error: ${formatLoadError(e)}`);
  if (!pack) return EXIT_ERROR;
  if (options.format === 'json') {
    const rules = pack.rules.map(({ run, ...info }) => (void run, info));
    process.stdout.write(`${JSON.stringify({ pack: pack.info, rules }, null, 2)}\n`);
    return errors.length > 0 ? EXIT_ERROR : EXIT_OK;
  }
  const chalk = chalkFor(process.stdout, options.color);
  const table = new Table({ head: ['Rule', 'Signal', 'Type', 'Weight', 'Message'], style: { head: [], border: [] } });
  for (const r of pack.rules) {
    const weight = r.polarity === 'inward' ? chalk.red(`−${r.weight}`) : chalk.green(`+${r.weight}`);
    table.push([r.id, r.signal + (r.subKind ? `/${r.subKind}` : ''), r.type, weight, r.message]);
  }
  process.stdout.write(`${table.toString()}\n${pack.rules.length} rules · pack ${pack.info.name} ${pack.info.version} (${pack.info.hash})\n`);
  return errors.length > 0 ? EXIT_ERROR : EXIT_OK;
}

/** Run every rule's examples; exit 1 when one is wrong, 2 when the pack does not load. */
export function rulesTestCommand(dir: string | undefined, options: { color?: boolean }): number {
  const { pack, errors } = dir ? loadPacks([dir], false) : loadPacks([]);
  for (const e of errors) stderrLine(`cxlint: rule error: ${formatLoadError(e)}`);
  if (!pack) return EXIT_ERROR;
  const chalk = chalkFor(process.stdout, options.color);
  const { checked, failures } = runExamples(pack);
  for (const f of failures) {
    process.stdout.write(`${chalk.red('✗')} ${f.ruleId} ${f.kind}: ${JSON.stringify(f.example)}\n    ${f.problem}\n`);
  }
  process.stdout.write(`${checked - failures.length}/${checked} examples pass in ${pack.rules.length} rules\n`);
  if (errors.length > 0) return EXIT_ERROR;
  return failures.length > 0 ? EXIT_THRESHOLD : EXIT_OK;
}

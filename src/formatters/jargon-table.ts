import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { JargonCandidate } from '../jargon/rank-candidates.js';

export interface JargonTableOptions {
  chalk: ChalkInstance;
  /** Terminal width; examples are cut to fit. */
  width: number;
}

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, Math.max(1, n - 1))}…`);

/** An example cut to `n` characters around the first use of the term, so the term stays in view. */
function around(example: string, term: string, n: number): string {
  if (example.length <= n) return example;
  const at = example.toLowerCase().indexOf(term.toLowerCase());
  if (at < 0) return cut(example, n);
  const keep = n - 2;
  const from = Math.max(0, Math.min(at - Math.floor((keep - term.length) / 2), example.length - keep));
  return `${from > 0 ? '…' : ''}${example.slice(from, from + keep)}${from + keep < example.length ? '…' : ''}`;
}

/**
 * Candidates best first: counts, score, agents (and organisations, when the calls name them), and the
 * two example turns under each other.
 */
export function jargonTable(candidates: (JargonCandidate & { known?: boolean })[], options: JargonTableOptions): string {
  const { chalk } = options;
  const withOrgs = candidates.some((c) => c.organisations > 0);
  const termWidth = Math.min(28, Math.max(8, ...candidates.map((c) => c.term.length)));
  const exampleWidth = Math.max(30, options.width - termWidth - 62 - (withOrgs ? 7 : 0));
  const table = new Table({
    head: ['#', 'Term', 'Kind', 'Agent', 'Cust.', 'Score', 'Asked', 'Agents', ...(withOrgs ? ['Orgs'] : []), 'Examples'],
    style: { head: [], border: [] },
    colAligns: ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', ...(withOrgs ? (['right'] as const) : []), 'left'],
  });
  candidates.forEach((c, i) => {
    table.push([
      String(i + 1),
      chalk.bold(cut(c.term, termWidth)),
      c.known ? `${c.kind} ${chalk.dim('(glossary)')}` : c.kind,
      String(c.agentCount),
      String(c.customerCount),
      c.score.toFixed(1),
      c.asked > 0 ? chalk.yellow(String(c.asked)) : '0',
      String(c.agents),
      ...(withOrgs ? [String(c.organisations)] : []),
      c.examples.map((x) => around(x, c.term, exampleWidth)).join('\n') || chalk.dim('—'),
    ]);
  });
  return table.toString();
}

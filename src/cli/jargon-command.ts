import { isatty } from 'node:tty';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { jargonTable } from '../formatters/jargon-table.js';
import { DEFAULT_MAX_TERMS, JargonDiscovery } from '../jargon/discover-jargon.js';
import { rankCandidates, RANK_DEFAULTS, type JargonCandidate } from '../jargon/rank-candidates.js';
import { glossaryEntries, glossaryYaml, mergeGlossary, type GlossaryEntry } from '../jargon/write-glossary.js';
import { DEFAULT_PACK_DIR, formatLoadError, packDirsIn } from '../io/load-packs.js';
import { stdoutOutput } from '../io/output.js';
import { readCalls } from '../io/read-calls.js';
import type { InputError } from '../model/raw-call.js';
import { tagPhrase } from '../nlp/part-of-speech.js';
import { tokenize } from '../nlp/tokenize.js';
import { loadPack } from '../ruleset/load-pack.js';
import { compilePhrase } from '../ruleset/phrase-pattern.js';
import { compilePhraseSet, findPhrase, type PhraseSet } from '../ruleset/phrase-set.js';
import { glossaryFileSchema } from '../ruleset/rule-schema.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { readOptionsFrom, type InputCliOptions } from './input-options.js';
import { heapCollector, MEMORY_BUDGET_BYTES } from './heap-collector.js';
import { chalkFor, stderrLine } from './terminal.js';

export { JARGON_FORMATS } from './choices.js';
import { JARGON_FORMATS } from './choices.js';

export interface JargonOptions extends InputCliOptions {
  format?: string;
  /** How many candidates to list (and write). */
  limit?: string | number;
  /** Fewest agent turns a term needs. */
  minCount?: string | number;
  /** Write the listed candidates that no glossary has yet to this glossary file (merged if it exists). */
  writeGlossary?: string;
  /** Rule packs whose internal-jargon glossaries and acronym exceptions are already known. */
  rules?: string[];
  /** Largest number of distinct terms counted at once (memory bound). */
  maxTerms?: string | number;
  color?: boolean;
  progress?: boolean;
}

type Listed = JargonCandidate & { known: boolean };

const describeInputError = (e: InputError) => `${e.file}${e.line ? `:${e.line}` : e.record !== undefined ? ` record ${e.record}` : ''}: ${e.message}`;

/** Terms that the packs' internal-jargon rules already list (glossary) or declare customer-facing (ignoreMatches). */
export function packKnowledge(rules: string[] | undefined): { glossary: PhraseSet; plain: PhraseSet; errors: string[] } {
  const errors: string[] = [];
  const terms: string[] = [];
  const plain: string[] = [];
  for (const dir of [DEFAULT_PACK_DIR, ...(rules ?? []).flatMap(packDirsIn)]) {
    const loaded = loadPack(dir);
    errors.push(...loaded.errors.map(formatLoadError));
    for (const { id, rule } of loaded.source?.rules ?? []) {
      if (rule.signal !== 'internal-jargon') continue;
      const phrases = rule.type === 'substitution' ? rule.terms.map((t) => t.term) : rule.type === 'phrase' ? rule.ignoreMatches : [];
      for (const phrase of phrases) {
        try {
          compilePhrase(phrase);
          (rule.type === 'substitution' ? terms : plain).push(phrase);
        } catch (e) {
          errors.push(`${id}: ${(e as Error).message}`);
        }
      }
    }
  }
  return { glossary: compilePhraseSet(terms), plain: compilePhraseSet(plain), errors };
}

/** The phrase set matches the whole term. */
export const coversTerm = (set: PhraseSet, term: string) => {
  const tokens = tokenize(term);
  const hit = findPhrase(set, tokens);
  return hit !== undefined && hit.from === 0 && hit.to === tokens.length;
};
/** Some glossary phrase matches the term, or "the <term>" (glossaries write "(the|our) X team"). */
const mentionsTerm = (set: PhraseSet, term: string) => [term, `the ${term}`].some((t) => findPhrase(set, tokenize(t)) !== undefined);

const isCount = (value: string | number) => Number.isInteger(Number(value)) && Number(value) > 0;

function readGlossary(file: string): { entries: GlossaryEntry[] } | { error: string } {
  try {
    const result = glossaryFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!result.success) return { error: `${file}: not a glossary file (${result.error.issues[0]?.path.join('.') ?? ''}: ${result.error.issues[0]?.message ?? ''})` };
    return { entries: result.data.terms.map((t) => ({ term: t.term, ...(t.say ? { say: t.say } : {}) })) };
  } catch (e) {
    return { error: `${file}: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** `cxlint jargon`: rank the terms agents use and customers do not, in one streaming pass. */
export async function jargonCommand(inputs: string[], options: JargonOptions): Promise<number> {
  const format = options.format ?? 'table';
  if (!(JARGON_FORMATS as readonly string[]).includes(format)) {
    stderrLine(`cxlint: unknown --format "${format}" (choose ${JARGON_FORMATS.join(', ')})`);
    return EXIT_ERROR;
  }
  const counts: [string, string | number | undefined][] = [
    ['--limit', options.limit],
    ['--min-count', options.minCount],
    ['--max-terms', options.maxTerms],
  ];
  for (const [name, value] of counts) {
    if (value !== undefined && !isCount(value)) {
      stderrLine(`cxlint: ${name} needs a whole number above 0, got "${value}"`);
      return EXIT_ERROR;
    }
  }
  const limit = Number(options.limit ?? RANK_DEFAULTS.limit);
  const minCount = Number(options.minCount ?? RANK_DEFAULTS.minCount);
  const maxTerms = Number(options.maxTerms ?? DEFAULT_MAX_TERMS);
  const read = readOptionsFrom(options);
  if ('error' in read) {
    stderrLine(`cxlint: ${read.error}`);
    return EXIT_ERROR;
  }
  let existing: GlossaryEntry[] = [];
  if (options.writeGlossary !== undefined && existsSync(options.writeGlossary)) {
    const loaded = readGlossary(options.writeGlossary);
    if ('error' in loaded) {
      stderrLine(`cxlint: --write-glossary: ${loaded.error}; choose a new file or fix this one`);
      return EXIT_ERROR;
    }
    existing = loaded.entries;
  }
  if (inputs.length === 0) inputs = ['-'];
  if (inputs.includes('-') && isatty(0)) {
    stderrLine('cxlint: no input files given and stdin is a terminal; try `cxlint jargon fixtures/jargon`');
    return EXIT_ERROR;
  }
  const knowledge = packKnowledge(options.rules);
  for (const e of knowledge.errors) stderrLine(`cxlint: rule error: ${e}`);

  const discovery = new JargonDiscovery({ maxTerms });
  const errors: InputError[] = [];
  const showProgress = options.progress !== false && process.stderr.isTTY === true;
  let lastProgress = Date.now();
  // check memory every 50 calls; collect at most every 200 (see heapCollector)
  const collect = heapCollector(MEMORY_BUDGET_BYTES, 4);
  for (const item of readCalls(inputs, read.options)) {
    if (item.kind === 'error') errors.push(item.error);
    else {
      discovery.addCall(item.call);
      if (discovery.totals.calls % 50 === 0) collect();
    }
    if (showProgress && Date.now() - lastProgress > 500) {
      lastProgress = Date.now();
      process.stderr.write(`\rread ${discovery.totals.calls} calls, ${errors.length} errors`);
    }
  }
  if (showProgress) process.stderr.write('\r\x1b[K');
  for (const e of errors) stderrLine(`cxlint: input error: ${describeInputError(e)}`);
  const { totals } = discovery;
  if (totals.calls > 0 && totals.agentTurns === 0) stderrLine('cxlint: warning: no agent turns found; name the agent with --agent-speaker LABEL');
  else if (totals.calls > 0 && totals.customerTurns === 0) stderrLine('cxlint: warning: no customer turns found; the contrast needs both sides');
  if (discovery.table.prunes > 0) stderrLine(`cxlint: note: the term table was pruned ${discovery.table.prunes} time(s) (--max-terms ${maxTerms}); counts of rare terms are lower bounds`);

  const candidates: Listed[] = rankCandidates(discovery.table.values(), totals, {
    minCount,
    limit,
    tagger: tagPhrase,
    exclude: (term) => coversTerm(knowledge.plain, term),
  }).map((c) => ({ ...c, known: mentionsTerm(knowledge.glossary, c.term) }));

  const out = stdoutOutput();
  if (format === 'json') {
    const doc = {
      candidates,
      counts: {
        calls: totals.calls,
        agentTurns: totals.agentTurns,
        customerTurns: totals.customerTurns,
        questionTurns: totals.questionTurns,
        otherLanguageTurns: totals.otherLanguageTurns,
        organisations: totals.orgs,
        errors: errors.length,
      },
    };
    out.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const chalk = chalkFor(process.stdout, options.color);
    const head = `${candidates.length} candidate terms from ${totals.calls} calls (${totals.agentTurns} agent turns, ${totals.customerTurns} customer turns)`;
    out.write(`${chalk.bold(head)}\n${candidates.length > 0 ? `${jargonTable(candidates, { chalk, width: process.stdout.columns ?? 160 })}\n` : ''}`);
  }
  await out.flush();

  if (options.writeGlossary !== undefined) {
    const fresh = glossaryEntries(candidates.filter((c) => !c.known));
    const merged = mergeGlossary(existing, fresh);
    try {
      writeFileSync(options.writeGlossary, glossaryYaml(merged));
    } catch (e) {
      stderrLine(`cxlint: --write-glossary: cannot write ${options.writeGlossary}: ${(e as Error).message}`);
      return EXIT_ERROR;
    }
    stderrLine(`cxlint: wrote ${merged.length - existing.length} new term(s) to ${options.writeGlossary}${existing.length > 0 ? ` (${existing.length} kept)` : ''}; fill in "say:" and point a substitution rule at it with glossary: <file>`);
  }
  return errors.length > 0 || knowledge.errors.length > 0 ? EXIT_ERROR : EXIT_OK;
}

import { z } from 'zod';

/**
 * The shape of rule files and pack.yaml. Strict objects, so a misspelt key is a load error that
 * names the key instead of a rule that silently never fires.
 */

const windowSpec = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(s|turns?|%)$/, 'a window is "<N>s", "<N> turns" or "<N>%"');

export const scopeSchema = z.strictObject({
  speaker: z.enum(['agent', 'customer', 'any']).default('agent'),
  first: windowSpec.optional(),
  last: windowSpec.optional(),
});
export type RuleScope = z.infer<typeof scopeSchema>;

const examplesSchema = z.strictObject({
  match: z.array(z.string()).min(1),
  noMatch: z.array(z.string()).min(1),
});

const phraseList = z.array(z.string().min(1));

const commonFields = {
  signal: z.string().min(1),
  subKind: z.string().optional(),
  weight: z.number().nonnegative(),
  severity: z.enum(['info', 'warning', 'error']).default('warning'),
  message: z.string().min(1),
  description: z.string().optional(),
  scope: scopeSchema.default({ speaker: 'agent' }),
  examples: examplesSchema,
};

export const phraseRuleSchema = z.strictObject({
  type: z.literal('phrase'),
  ...commonFields,
  phrases: phraseList.default([]),
  /** Bracketed transcript annotations such as "[silence]" or "(hold music)". */
  cues: phraseList.default([]),
  /** Cancel a match when found in the same sentence. */
  exceptions: phraseList.default([]),
  /** Cancel a match when found anywhere in the same turn. */
  turnExceptions: phraseList.default([]),
  /** Cancel a match when found in the scoped speaker's next turn (an alternative offered, an answer given). */
  nextTurnExceptions: phraseList.default([]),
  /** Matched words that do not count ("PIN" for an acronym rule); the search goes on after them. */
  ignoreMatches: phraseList.default([]),
});

const glossaryTerm = z.strictObject({
  term: z.string().min(1),
  /** Empty (`say:`) in a glossary the analyst has not finished: no suggestion. */
  say: z
    .string()
    .nullish()
    .transform((v) => v || undefined),
});
export type GlossaryTerm = z.infer<typeof glossaryTerm>;

/** A glossary file (`glossary: <file>` of a substitution rule): the organisation's terms, kept as data. */
export const glossaryFileSchema = z.strictObject({
  description: z.string().optional(),
  terms: z.array(glossaryTerm),
});

export const substitutionRuleSchema = z
  .strictObject({
    type: z.literal('substitution'),
    ...commonFields,
    terms: z.array(glossaryTerm).default([]),
    /** A glossary file, relative to the pack folder; its terms come after the inline ones. */
    glossary: z.string().min(1).optional(),
    exceptions: phraseList.default([]),
  })
  .refine((r) => r.terms.length > 0 || r.glossary !== undefined, { message: 'a substitution rule needs terms or a glossary file', path: ['terms'] });

const sequenceStep = z.strictObject({
  speaker: z.enum(['agent', 'customer', 'any']).default('any'),
  /** Empty: any turn of the speaker. */
  phrases: phraseList.default([]),
  exceptions: phraseList.default([]),
});

export const sequenceRuleSchema = z.strictObject({
  type: z.literal('sequence'),
  ...commonFields,
  first: sequenceStep,
  /** Either a second step or a silence of at least `gapSeconds` after the first. */
  then: sequenceStep.optional(),
  gapSeconds: z.number().positive().optional(),
  within: z
    .strictObject({ turns: z.number().int().positive().optional(), seconds: z.number().positive().optional() })
    .default({ turns: 2 }),
  /** Which step the finding points at. */
  report: z.enum(['first', 'then']).default('first'),
});

export const gapRuleSchema = z.strictObject({
  type: z.literal('gap'),
  ...commonFields,
  kind: z.enum(['dead-air', 'hold', 'any']),
  minSeconds: z.number().positive(),
  /** Where the gap may be: between turns of the call, or in the closing part (see pack timing.endWindow). */
  position: z.enum(['mid-call', 'end', 'any']).default('any'),
});

export const METRIC_NAMES = [
  'handleTimeMs',
  'nonTalkShare',
  'agentTalkShare',
  'overtalkCount',
  'longestGapMs',
  'holdTotalMs',
  'agentWordsPerMinute',
  'agentSpeedUpRatio',
  'firstAgentTurnMs',
  'longestAgentMonologueMs',
  'deadAirCount',
  'holdCount',
] as const;

export const metricRuleSchema = z.strictObject({
  type: z.literal('metric'),
  ...commonFields,
  metric: z.enum(METRIC_NAMES),
  above: z.number().optional(),
  below: z.number().optional(),
  /** Compare with the target set for the run (per queue in the configuration); `above` is the fallback. */
  aboveTarget: z.enum(['aht']).optional(),
  /** Fire only if a turn in this scope also matches one of these phrases; the finding points at it. */
  when: z
    .strictObject({
      phrases: phraseList.min(1),
      scope: scopeSchema.default({ speaker: 'agent' }),
    })
    .optional(),
});

export const ruleFileSchema = z.discriminatedUnion('type', [
  phraseRuleSchema,
  substitutionRuleSchema,
  sequenceRuleSchema,
  gapRuleSchema,
  metricRuleSchema,
]);
export type RuleFile = z.infer<typeof ruleFileSchema>;
export type PhraseRuleFile = z.infer<typeof phraseRuleSchema>;
export type SubstitutionRuleFile = z.infer<typeof substitutionRuleSchema>;
export type SequenceRuleFile = z.infer<typeof sequenceRuleSchema>;
export type GapRuleFile = z.infer<typeof gapRuleSchema>;
export type MetricRuleFile = z.infer<typeof metricRuleSchema>;

export const packFileSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  version: z.string().min(1),
  description: z.string().optional(),
  signals: z.record(z.string(), z.enum(['inward', 'outward'])),
  scoring: z.strictObject({
    start: z.number(),
    min: z.number().default(0),
    max: z.number().default(100),
    /** Largest penalty one inward signal can take from a call. */
    signalCap: z.number().nonnegative(),
    signalCaps: z.record(z.string(), z.number().nonnegative()).default({}),
    /** Largest bonus all outward findings together can add. */
    outwardCap: z.number().nonnegative(),
    /** …and at most this share of the call's penalty: good behaviour softens a call's problems, never hides them. */
    outwardShareOfPenalty: z.number().min(0).max(1).optional(),
  }),
  timing: z.strictObject({
    /** A silence between turns at least this long is a gap. */
    gapSeconds: z.number().positive(),
    /** The closing part of the call, as a share of handle time, for "end" gaps and rate comparisons. */
    endWindowPercent: z.number().min(0).max(100),
    /** Used to estimate when a turn ends if the transcript gives only its start. */
    wordsPerSecond: z.number().positive(),
    /** Whether hold time counts as non-talk time. */
    holdCountsAsNonTalk: z.boolean().default(true),
    holdAnnounce: phraseList,
    holdReturn: phraseList,
    /** How many turns before a gap an announcement may come. */
    holdAnnounceTurns: z.number().int().positive().default(2),
  }),
});
export type PackFile = z.infer<typeof packFileSchema>;

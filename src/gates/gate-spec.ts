import type { FailOnLevel, GateSpec } from './gates.js';

/** Gate options as the command line or a config file gives them: strings or numbers. */
export interface GateInput {
  failUnder?: string | number;
  failMeanUnder?: string | number;
  /** "SIGNAL=PCT" entries (each may hold several, comma-separated), or a SIGNAL → PCT map. */
  maxPrevalence?: string[] | Record<string, string | number>;
  maxFindings?: string | number;
  failOn?: string;
}

const number = (v: string | number) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));

/** Parse and check gate options; the error names the option and what it expects. */
export function parseGateSpec(input: GateInput, knownSignals?: string[]): { spec: GateSpec } | { error: string } {
  const spec: GateSpec = {};
  for (const key of ['failUnder', 'failMeanUnder'] as const) {
    const raw = input[key];
    if (raw === undefined) continue;
    const value = number(raw);
    const flag = key === 'failUnder' ? '--fail-under' : '--fail-mean-under';
    if (!Number.isFinite(value)) return { error: `${flag} needs a number, got "${raw}"` };
    spec[key] = value;
  }
  if (input.maxFindings !== undefined) {
    const value = number(input.maxFindings);
    if (!Number.isInteger(value) || value < 0) return { error: `--max-findings needs a whole number ≥ 0, got "${input.maxFindings}"` };
    spec.maxFindings = value;
  }
  if (input.failOn !== undefined) {
    if (input.failOn !== 'warning' && input.failOn !== 'error') return { error: `--fail-on needs warning or error, got "${input.failOn}"` };
    spec.failOn = input.failOn as FailOnLevel;
  }
  if (input.maxPrevalence !== undefined) {
    const entries: [string, string | number][] = Array.isArray(input.maxPrevalence)
      ? input.maxPrevalence.flatMap((s) => s.split(',')).map((pair) => {
          const i = pair.lastIndexOf('=');
          return i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
        })
      : Object.entries(input.maxPrevalence);
    const max: Record<string, number> = {};
    for (const [rawSignal, rawPct] of entries) {
      const signal = rawSignal.trim();
      const pct = number(typeof rawPct === 'string' ? rawPct.replace(/%\s*$/, '') : rawPct);
      if (!signal || !Number.isFinite(pct) || pct < 0 || pct > 100) {
        return { error: `--max-prevalence: "${rawSignal}=${rawPct}" should be SIGNAL=PCT with PCT from 0 to 100, e.g. referral=20` };
      }
      if (knownSignals && !knownSignals.includes(signal)) {
        return { error: `--max-prevalence: unknown signal "${signal}" (the pack has ${knownSignals.join(', ')})` };
      }
      max[signal] = pct;
    }
    spec.maxPrevalence = max;
  }
  return { spec };
}

export const hasGates = (spec: GateSpec) =>
  spec.failUnder !== undefined ||
  spec.failMeanUnder !== undefined ||
  spec.maxFindings !== undefined ||
  spec.failOn !== undefined ||
  Object.keys(spec.maxPrevalence ?? {}).length > 0;

import type { CallContext } from '../engine/call-context.js';
import type { Finding, Polarity } from '../model/finding.js';

export interface RuleInfo {
  id: string;
  file: string;
  type: string;
  signal: string;
  polarity: Polarity;
  subKind?: string;
  weight: number;
  severity: 'info' | 'warning' | 'error';
  message: string;
  description?: string;
}

/** A rule ready to run: pure, no state between calls. */
export interface CompiledRule extends RuleInfo {
  run(ctx: CallContext): Finding[];
}

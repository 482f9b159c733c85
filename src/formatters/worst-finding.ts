import type { Finding } from '../model/finding.js';

/** The inward finding that cost the most (first in the call on a tie). */
export function worstFinding(findings: Finding[]): Finding | undefined {
  let worst: Finding | undefined;
  for (const f of findings) if (f.polarity === 'inward' && (!worst || f.weight > worst.weight)) worst = f;
  return worst;
}

export function evidenceOf(f: Finding): string {
  if (f.span) return f.span.text;
  if (f.gap) return `${Math.round(f.gap.durationMs / 1000)} s ${f.gap.kind}`;
  return f.message;
}

import { createHash } from 'node:crypto';
import { redactText } from '../formatters/redact.js';
import type { Finding } from '../model/finding.js';

/**
 * Evidence as the fingerprint sees it: redacted (so a fingerprint never depends on --show-pii and a
 * baseline never holds a hash of a card number), case-folded, punctuation and spacing ignored.
 */
export function normaliseEvidence(text: string): string {
  return redactText(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}[\]]+/gu, ' ')
    .trim();
}

/**
 * A finding's identity across runs: call id + rule id + turn + a hash of the normalised span text
 * (or the gap kind). Scores, weights, messages and pack versions are left out, so re-running, or
 * re-wording a rule's message, keeps the fingerprint.
 */
export function findingFingerprint(callId: string, f: Pick<Finding, 'ruleId' | 'turn' | 'span' | 'gap'>): string {
  const evidence = f.span ? normaliseEvidence(f.span.text) : f.gap ? `gap:${f.gap.kind}` : '';
  return createHash('sha256').update(JSON.stringify([callId, f.ruleId, f.turn, evidence])).digest('hex').slice(0, 32);
}

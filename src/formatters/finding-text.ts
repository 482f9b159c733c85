import type { Finding } from '../model/finding.js';
import { clock } from './clock.js';
import { evidenceOf } from './worst-finding.js';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The evidence, unless the message already quotes it. */
export function messageWithEvidence(f: Finding): string {
  const evidence = oneLine(evidenceOf(f));
  const message = oneLine(f.message);
  return f.span && !message.includes(evidence) ? `${message}: "${evidence}"` : message;
}

/** "turn 3 (01:12) inward/referral-transfer [warning, −5]: message" — one line per finding. */
export function findingLine(f: Finding): string {
  const at = f.startMs !== undefined ? ` (${clock(f.startMs)})` : '';
  const points = f.polarity === 'inward' ? `−${f.weight}` : `+${f.weight}`;
  return `turn ${f.turn}${at} ${f.ruleId} [${f.severity}, ${points}${f.baselined ? ', baselined' : ''}]: ${messageWithEvidence(f)}`;
}

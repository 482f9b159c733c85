import type { Speaker } from './call.js';

export type Polarity = 'inward' | 'outward';

export interface TextSpan {
  /** Character offsets into the turn's original text. */
  start: number;
  end: number;
  text: string;
}

export interface GapEvidence {
  fromMs: number;
  toMs: number;
  durationMs: number;
  kind: 'hold' | 'dead-air';
}

export interface Finding {
  ruleId: string;
  signal: string;
  polarity: Polarity;
  subKind?: string;
  weight: number;
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** 0-based index into the call's turns as given in the input. */
  turn: number;
  speaker: Speaker;
  startMs?: number;
  span?: TextSpan;
  gap?: GapEvidence;
  suggestion?: string;
  /** In the --baseline file: reported, but not counted by the gates. */
  baselined?: boolean;
}

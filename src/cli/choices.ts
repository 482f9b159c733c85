/**
 * Option choices the command line needs before any command runs. Kept apart from the commands, which
 * are loaded only when used, so that `cxlint --version` and `--help` load almost nothing.
 */
export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'junit', 'sarif', 'github', 'markdown', 'summary-json'] as const;
export const JARGON_FORMATS = ['table', 'json'] as const;
export const MERGE_FORMATS = ['table', 'json', 'markdown', 'github', 'summary-json'] as const;

/** Input format names in detection order; test/adapters/index.test.ts checks them against the adapters. */
export const INPUT_FORMAT_NAMES = [
  'cxlint-json',
  'contact-lens',
  'transcribe-call-analytics',
  'pca',
  'transcribe',
  'ccai-insights',
  'genesys',
  'whisper',
  'segments',
  'webvtt',
  'srt',
  'rttm',
  'stm',
  'csv',
  'text',
] as const;

import { pathToFileURL } from 'node:url';
import { findingFingerprint } from '../baseline/fingerprint.js';
import type { RuleInfo } from '../checks/compiled-rule.js';
import type { Finding } from '../model/finding.js';
import type { InputError } from '../model/raw-call.js';
import type { Formatter, RunHeader } from '../model/report.js';
import { messageWithEvidence } from './finding-text.js';

/** The key of cxlint's fingerprint in `partialFingerprints`; the suffix changes if its recipe does. */
export const SARIF_FINGERPRINT_KEY = 'cxlintFinding/v1';

const LEVEL: Record<Finding['severity'], 'note' | 'warning' | 'error'> = { info: 'note', warning: 'warning', error: 'error' };

/** A file path as a URI reference: relative paths stay relative (to the checkout), absolute ones become file: URLs. */
export function artifactUri(file: string): string {
  const posix = file.replace(/\\/g, '/');
  if (/^([A-Za-z]:)?\//.test(posix)) return pathToFileURL(file).href;
  return posix.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0: one run; tool.driver.rules are the pack's inward rules (outward findings are good
 * behaviour, not problems, and are left out); one result per inward finding, located at the input
 * file and the line of the call's record (1 where the format has none), with the call and turn as
 * a logical location and a fingerprint that repeats from run to run so code scanning de-duplicates.
 */
export function sarifFormatter(rules: RuleInfo[]): Formatter {
  const inward = rules.filter((r) => r.polarity === 'inward');
  const index = new Map(inward.map((r, i) => [r.id, i]));
  let header: RunHeader | undefined;
  const results: object[] = [];
  const notifications: object[] = [];
  const seen = new Map<string, number>();
  return {
    start(h) {
      header = h;
      return '';
    },
    call(r) {
      for (const f of r.findings) {
        if (f.polarity !== 'inward') continue;
        // the same words matched twice in one turn: keep both results distinct and stable
        const base = findingFingerprint(r.id, f);
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        const ruleIndex = index.get(f.ruleId);
        results.push({
          ruleId: f.ruleId,
          ...(ruleIndex !== undefined ? { ruleIndex } : {}),
          level: LEVEL[f.severity],
          message: { text: `${messageWithEvidence(f)} (call ${r.id}, turn ${f.turn})` },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: artifactUri(r.source.file) }, region: { startLine: r.source.line ?? 1 } },
              logicalLocations: [{ name: `turn ${f.turn}`, fullyQualifiedName: `${r.id}/turn ${f.turn}`, kind: 'element' }],
            },
          ],
          partialFingerprints: { [SARIF_FINGERPRINT_KEY]: n === 1 ? base : `${base}:${n}` },
          ...(r.baseline ? { baselineState: f.baselined ? 'unchanged' : 'new' } : {}),
          ...(f.baselined ? { suppressions: [{ kind: 'external', justification: 'in the cxlint baseline' }] } : {}),
          properties: {
            callId: r.id,
            turn: f.turn,
            signal: f.signal,
            ...(f.subKind ? { subKind: f.subKind } : {}),
            weight: f.weight,
            ...(f.startMs !== undefined ? { startMs: f.startMs } : {}),
            ...(f.suggestion ? { suggestion: f.suggestion } : {}),
            callScore: r.score,
          },
        });
      }
      return '';
    },
    error(e: InputError) {
      notifications.push({
        level: 'error',
        message: { text: e.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(e.file) }, ...(e.line ? { region: { startLine: e.line } } : {}) } }],
      });
      return '';
    },
    end(end) {
      const driver = {
        name: 'cxlint',
        ...(header ? { version: header.tool.version, semanticVersion: header.tool.version } : {}),
        rules: inward.map((r) => ({
          id: r.id,
          shortDescription: { text: r.message },
          fullDescription: { text: r.description ?? r.message },
          defaultConfiguration: { level: LEVEL[r.severity] },
          properties: { signal: r.signal, ...(r.subKind ? { subKind: r.subKind } : {}), weight: r.weight, type: r.type, tags: [r.signal] },
        })),
      };
      const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: { driver },
            invocations: [{ executionSuccessful: end.errors.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
            results,
            properties: { pack: header?.pack, settings: header?.settings, counts: end.counts, summary: end.summary, ...(end.gates ? { gatesFailed: end.gates } : {}) },
          },
        ],
      };
      return `${JSON.stringify(log, null, 2)}\n`;
    },
  };
}

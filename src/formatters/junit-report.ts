import { callProblems, gateScore, type GateSpec } from '../gates/gates.js';
import type { Formatter, RunHeader } from '../model/report.js';
import { findingLine } from './finding-text.js';
import { xmlAttr, xmlText } from './xml-text.js';

/**
 * JUnit XML: one test case per call, one per input error. A call fails when it has counted inward
 * findings of the --fail-on severity or above (warning by default) or scores below --fail-under;
 * the failure's text is the evidence, one finding per line. Baselined findings go to system-out;
 * a record read but not scored (no turns) is a skipped test case.
 */
export function junitFormatter(spec: GateSpec = {}): Formatter {
  let header: RunHeader | undefined;
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  return {
    start(h) {
      header = h;
      return '';
    },
    call(r) {
      const { belowFailUnder, findings } = callProblems(r, spec);
      const attrs = `name="${xmlAttr(r.id)}" classname="${xmlAttr(r.source.file)}" file="${xmlAttr(r.source.file)}"${r.source.line ? ` line="${r.source.line}"` : ''} time="0"`;
      const reasons = [
        ...(belowFailUnder ? [`score ${gateScore(r)} is below --fail-under ${spec.failUnder}`] : []),
        ...(findings.length > 0 ? [`${findings.length} finding(s)`] : []),
      ];
      const baselined = r.findings.filter((f) => f.baselined);
      const out = [`score ${r.score}`, ...baselined.map((f) => findingLine(f))];
      let body = `\n      <system-out>${xmlText(out.join('\n'))}</system-out>`;
      if (reasons.length > 0) {
        failures++;
        const text = [`score ${r.score}`, ...findings.map(findingLine)].join('\n');
        body = `\n      <failure message="${xmlAttr(reasons.join('; '))}" type="cxlint">${xmlText(text)}</failure>${body}`;
      }
      cases.push(`    <testcase ${attrs}>${body}\n    </testcase>\n`);
      return '';
    },
    error(e) {
      errors++;
      const where = `${e.file}${e.line ? `:${e.line}` : e.record !== undefined ? ` record ${e.record}` : ''}`;
      cases.push(`    <testcase name="${xmlAttr(where)}" classname="${xmlAttr(e.file)}" time="0">\n      <error message="${xmlAttr(e.message)}" type="input"/>\n    </testcase>\n`);
      return '';
    },
    skipped(k) {
      skipped++;
      const attrs = `name="${xmlAttr(k.id)}" classname="${xmlAttr(k.file)}" file="${xmlAttr(k.file)}"${k.line ? ` line="${k.line}"` : ''} time="0"`;
      cases.push(`    <testcase ${attrs}>\n      <skipped message="${xmlAttr(k.reason)}"/>\n    </testcase>\n`);
      return '';
    },
    end(end) {
      const tests = cases.length;
      const pack = header?.pack;
      const suite = `cxlint ${pack ? `${pack.name} ${pack.version}` : ''}`.trim();
      const counts = `tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0"`;
      const props = [
        ['cxlint.version', header?.tool.version ?? ''],
        ['pack.name', pack?.name ?? ''],
        ['pack.version', pack?.version ?? ''],
        ['pack.hash', pack?.hash ?? ''],
        ['score.mean', end.summary.score.mean ?? ''],
        ['gates.failed', end.gates?.map((g) => g.gate).join(',') ?? ''],
      ]
        .map(([k, v]) => `      <property name="${xmlAttr(k!)}" value="${xmlAttr(v!)}"/>\n`)
        .join('');
      return (
        `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cxlint" ${counts}>\n` +
        `  <testsuite name="${xmlAttr(suite)}" ${counts}>\n    <properties>\n${props}    </properties>\n${cases.join('')}  </testsuite>\n</testsuites>\n`
      );
    },
  };
}

import type { Finding } from '../model/finding.js';
import type { Formatter } from '../model/report.js';
import { messageWithEvidence } from './finding-text.js';

/** GitHub's escaping for workflow commands: data, and property values (which also escape : and ,). */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND: Record<Finding['severity'], string> = { info: 'notice', warning: 'warning', error: 'error' };

function annotation(command: string, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${command}${list ? ` ${list}` : ''}::${escapeData(message)}\n`;
}

/**
 * GitHub Actions workflow annotations: one line per inward finding not in the baseline
 * (error/warning/notice by severity), one error per bad input record, and a notice with the summary.
 */
export function githubFormatter(): Formatter {
  return {
    start: () => '',
    call(r) {
      return r.findings
        .filter((f) => f.polarity === 'inward' && !f.baselined)
        .map((f) =>
          annotation(COMMAND[f.severity], { file: r.source.file, line: r.source.line, title: `${f.ruleId} (call ${r.id}, turn ${f.turn})` }, messageWithEvidence(f)),
        )
        .join('');
    },
    error: (e) => annotation('error', { file: e.file, line: e.line, title: 'cxlint input error' }, e.message),
    end(end) {
      const s = end.summary;
      const top = s.signals
        .filter((x) => x.polarity === 'inward' && x.calls > 0)
        .map((x) => `${x.signal} ${x.prevalence}%`)
        .join(', ');
      const stats = `${end.counts.scored} call(s) scored, ${end.counts.errors} input error(s); score mean ${s.score.mean ?? '—'}, median ${s.score.median ?? '—'}, min ${s.score.min ?? '—'}${top ? `; signals (share of calls): ${top}` : ''}`;
      const gates = (end.gates ?? []).map((g) => annotation('error', { title: `cxlint gate ${g.gate}` }, g.message)).join('');
      return `${gates}${annotation('notice', { title: 'cxlint summary' }, stats)}`;
    },
  };
}

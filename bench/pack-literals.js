// Prints one literal per line: the words of the default pack's phrases with their syntax removed,
// the nearest ripgrep -F equivalent of what the pack searches for.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const dir = fileURLToPath(new URL('../rules/inward', import.meta.url));
const out = new Set();
for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml') && n !== 'pack.yaml')) {
  const rule = parse(readFileSync(join(dir, name), 'utf8'));
  // a substitution rule's terms may live in a glossary file beside the rules
  const glossary = rule.glossary ? (parse(readFileSync(join(dir, rule.glossary), 'utf8')).terms ?? []) : [];
  for (const p of [...(rule.phrases ?? []), ...[...(rule.terms ?? []), ...glossary].map((t) => t.term)]) {
    // first alternative of every group, optional parts and gaps dropped: one literal per phrase
    const literal = String(p)
      .replace(/\(([^|)]*)[^)]*\)\??/g, '$1')
      .replace(/\S+\?/g, '')
      .replace(/[*~^#@]\S*/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (literal.length >= 3) out.add(literal);
  }
}
process.stdout.write([...out].join('\n') + '\n');

// Reproducible synthetic corpus for `npm run bench`: seeded, realistic agent/customer turns, with
// the default pack's example phrases mixed in at realistic rates. Writes JSONL and the same calls as CSV.
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENT_FILLER = [
  'Thanks for calling, you are through to customer services, how can I help today?',
  'Okay, can I take the first line of your address and your date of birth please?',
  'Right, I can see the account here, give me one second.',
  'So the payment went out on the fourth and it was for forty two pounds fifty.',
  'That should show on your statement within three to five working days.',
  'I have updated the address on the account for you now.',
  'Is the best number to reach you still the one ending four four one?',
  'Lovely, and you are happy for me to go ahead with that?',
  'The new tariff would start from the first of next month.',
  'I will send a confirmation email over in the next few minutes.',
  'Is there anything else I can help with today?',
  'Thanks for your patience, have a lovely rest of your day.',
];
const CUSTOMER_FILLER = [
  'Hi, yes, I am calling about my last bill, it looks higher than usual.',
  'Sure, it is twelve Acacia Avenue, and the fifth of March nineteen eighty.',
  'Okay, thank you.',
  'I just want to know why it went up this month.',
  'Yeah that is the right number.',
  'No, I think that is everything, thanks.',
  'Can you tell me when the engineer is coming?',
  'I moved house in January so the address might be out of date.',
  'Right, okay, that makes sense.',
  'Brilliant, thanks for your help.',
];
const AGENTS = ['Priya Shah', 'Tom Reed', 'Ana Lopes', 'Sam Okafor', 'Jordan Miles', 'Chloe Hart', 'Dev Patel', 'Mia Wong'];
const TEAMS = ['Billing', 'Tech Support', 'Retention', 'Moves'];

/** Example lines of the default pack's rules, by speaker, to plant at realistic rates. */
function examplePhrases(packDir) {
  const agent = [];
  const customer = [];
  for (const name of readdirSync(packDir).filter((n) => n.endsWith('.yaml') && n !== 'pack.yaml')) {
    const rule = parse(readFileSync(join(packDir, name), 'utf8'));
    for (const ex of rule.examples?.match ?? []) {
      for (const line of String(ex).split('\n')) {
        const m = /^(?:\[[^\]]*\]\s*)?([AC]):\s*(.*)$/.exec(line);
        if (m && m[2].length > 12) (m[1] === 'A' ? agent : customer).push(m[2]);
      }
    }
  }
  return { agent, customer };
}

const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** Writes `calls` calls of ~`turns` turns to base.jsonl and (unless csv is false) base.csv; resolves with the phrases planted. */
export async function generateCorpus({ base, calls, turns, seed = 42, packDir, csv: withCsv = true }) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const phrases = examplePhrases(packDir);
  const jsonl = createWriteStream(`${base}.jsonl`);
  const csv = withCsv ? createWriteStream(`${base}.csv`) : undefined;
  const write = (stream, text) => (stream.write(text) ? undefined : new Promise((r) => stream.once('drain', r)));
  if (csv) await write(csv, 'call_id,agent,team,queue,speaker,start,end,text\n');
  for (let c = 0; c < calls; c++) {
    const id = `bench-${String(c).padStart(7, '0')}`;
    const meta = { agent: pick(AGENTS), team: pick(TEAMS), queue: pick(['billing', 'broadband', 'moves']) };
    const n = Math.max(4, Math.round(turns * (0.6 + random() * 0.8)));
    let clock = 0;
    const callTurns = [];
    for (let t = 0; t < n; t++) {
      const speaker = t % 2 === 0 ? 'agent' : 'customer';
      // ~4 % of agent turns and ~3 % of customer turns carry a signal phrase
      const planted = speaker === 'agent' ? random() < 0.04 : random() < 0.03;
      const text = planted ? pick(speaker === 'agent' ? phrases.agent : phrases.customer) : pick(speaker === 'agent' ? AGENT_FILLER : CUSTOMER_FILLER);
      const gap = random() < 0.02 ? 12 + random() * 30 : 0.2 + random() * 1.2;
      const start = clock + gap;
      const end = start + text.split(' ').length / 2.5;
      clock = end;
      callTurns.push({ speaker, text, start: Math.round(start * 100) / 100, end: Math.round(end * 100) / 100 });
    }
    const p1 = write(jsonl, `${JSON.stringify({ id, meta, turns: callTurns })}\n`);
    if (p1) await p1;
    if (!csv) continue;
    let rows = '';
    for (const t of callTurns) rows += [id, meta.agent, meta.team, meta.queue, t.speaker, t.start, t.end, t.text].map(csvCell).join(',') + '\n';
    const p2 = write(csv, rows);
    if (p2) await p2;
  }
  await Promise.all([new Promise((r) => jsonl.end(r)), ...(csv ? [new Promise((r) => csv.end(r))] : [])]);
  return phrases;
}

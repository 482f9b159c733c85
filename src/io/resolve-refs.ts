import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { RefResolver } from '../evaluation/labelled-call.js';

/**
 * Shared research data lives outside the repository (`../shared/data` beside the project, or
 * $CXLINT_DATA_DIR); labelled sets point into it by reference so licensed text is never copied in.
 */
export function sharedDataDir(): string {
  const fromEnv = process.env.CXLINT_DATA_DIR;
  if (fromEnv) return resolve(fromEnv);
  return fileURLToPath(new URL('../../../shared/data', import.meta.url));
}

/** "twcs:<tweet_id>" → the tweet's text, from every CSV in <data>/twcs (loaded on first use). */
export function createRefResolver(dataDir = sharedDataDir()): { resolve: RefResolver; missing: () => string[] } {
  let tweets: Map<string, string> | undefined;
  const missing = new Set<string>();
  const loadTweets = () => {
    tweets = new Map();
    const dir = join(dataDir, 'twcs');
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
      const rows = parse(readFileSync(join(dir, name), 'utf8'), { columns: true, bom: true, relax_column_count: true, skip_empty_lines: true }) as Record<string, string>[];
      for (const row of rows) if (row.tweet_id && row.text !== undefined) tweets.set(row.tweet_id, row.text);
    }
  };
  return {
    resolve(ref) {
      const [source, id] = ref.split(':', 2);
      if (source !== 'twcs' || !id) {
        missing.add(`unknown reference "${ref}"`);
        return undefined;
      }
      if (!tweets) loadTweets();
      const text = tweets!.get(id);
      if (text === undefined) missing.add(tweets!.size === 0 ? `twcs data not found in ${join(dataDir, 'twcs')}` : `tweet ${id} not in ${join(dataDir, 'twcs')}`);
      return text;
    },
    missing: () => [...missing].sort(),
  };
}

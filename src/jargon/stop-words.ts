import { createRequire } from 'node:module';

/**
 * Words that never start or end a jargon candidate: natural's English stop-word list (its util
 * submodule only, not all of natural) plus what a conversation adds to it — the halves of expanded
 * contractions ("it's" → "it is"), fillers, greetings and other words every speaker uses.
 */
const CONVERSATION = [
  'not', 'no', 'yes', 'yeah', 'yep', 'ok', 'okay', 'will', 'us', 'just', 'can', 'am', 'let', 'going',
  'oh', 'um', 'uh', 'er', 'erm', 'hmm', 'ah', 'hi', 'hey', 'hello', 'thanks', 'thank', 'please', 'pls',
  'bye', 'cheers', 'morning', 'afternoon', 'evening', 'dear', 'sir', 'madam', 'mr', 'mrs', 'ms', 'lol', 'omg', 'gonna', 'wanna', 'one',
  'something', 'anything', 'everything', 'nothing', 'someone', 'anyone', 'everyone', 'thing', 'things',
  'lot', 'bit', 'really', 'actually', 'right', 'sure', 'today', 'tomorrow', 'yesterday', 'now',
  'again', 'also', 'even', 'ever', 'every', 'else', 'there', 'way', 'know', 'll', 're',
  've', 'd', 'm', 'don', 'didn', 'doesn', 'isn', 'wasn', 'aren', 'won', 'can', 'couldn', 'wouldn',
  'shouldn', 'haven', 'hasn', 'hadn', 'whats', 'thats', 'its', 'im', 'ive', 'dont', 'cant', 'doesnt',
  'didnt', 'isnt', 'wont', 'youre', 'theyre', 'via', 'etc', 'amp', 'gt', 'lt', 'http', 'https', 'www',
  'com', 'co', 'org', 'net', 'html', 'htm', 'ly', 'rt',
];

/**
 * Courtesy and empathy words (signals.md `empathy`): agents say them and customers rarely do, so
 * they top any contrast, but nobody needs them explained.
 */
const COURTESY = [
  'sorry', 'apologies', 'apology', 'apologise', 'apologize', 'inconvenience', 'inconveniences', 'frustration', 'frustrations',
  'concern', 'concerns', 'trouble', 'patience', 'understanding', 'pleasure', 'welcome', 'glad', 'happy', 'kindly', 'sincerely',
  'regards', 'assistance', 'assist', 'help', 'support', 'appreciate', 'feelings', 'experience', 'disappointment',
];

let words: Set<string> | undefined;

export function isStopWord(word: string): boolean {
  if (!words) {
    const natural = createRequire(import.meta.url)('natural/lib/natural/util/stopwords.js') as { words: string[] };
    words = new Set([...natural.words, ...CONVERSATION, ...COURTESY]);
  }
  return words.has(word);
}

import { Chalk, type ChalkInstance } from 'chalk';
import { stripControls } from '../formatters/redact.js';

/** Colour only on a terminal; NO_COLOR and --no-color turn it off, FORCE_COLOR turns it on. */
export function chalkFor(stream: NodeJS.WriteStream, colorOption: boolean | undefined): ChalkInstance {
  const env = process.env;
  let level: 0 | 1 | 2 | 3 = stream.isTTY ? 2 : 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') level = 2;
  if (colorOption === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) level = 0;
  return new Chalk({ level });
}

/** A message on stderr; control characters are stripped, since messages may quote file names and input. */
export const stderrLine = (text: string) => {
  process.stderr.write(`${stripControls(text)}\n`);
};

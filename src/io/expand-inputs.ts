import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { InputError } from '../model/raw-call.js';

export const STDIN = '-';

function walk(dir: string, out: string[], accept: (file: string) => boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out, accept);
    else if (entry.isFile() && accept(path)) out.push(path);
  }
}

/**
 * Files, folders, globs and "-" → an ordered file list. Folders are walked recursively in name order,
 * hidden entries skipped, and only files with a transcript extension taken (a README beside the
 * calls is not an input); `skip` leaves out more (metadata files read with their transcript). A file
 * named explicitly is always taken.
 */
export function expandInputs(inputs: string[], extensions: string[], skip: (file: string) => boolean = () => false): { files: string[]; errors: InputError[] } {
  const accept = (file: string) => extensions.some((ext) => file.toLowerCase().endsWith(ext)) && !skip(file);
  const files: string[] = [];
  const errors: InputError[] = [];
  for (const input of inputs) {
    if (input === STDIN) {
      files.push(STDIN);
      continue;
    }
    let stat;
    try {
      stat = statSync(input);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const before = files.length;
      try {
        walk(input, files, accept);
      } catch (e) {
        errors.push({ file: input, message: `cannot read folder: ${(e as Error).message}` });
      }
      if (files.length === before) errors.push({ file: input, message: `folder holds no transcript files (${extensions.join(' ')})` });
    } else if (stat) files.push(input);
    else if (isDynamicPattern(input)) {
      const matched = globSync(input, { onlyFiles: true, expandDirectories: false }).sort().filter((f) => !skip(f));
      if (matched.length === 0) errors.push({ file: input, message: 'the pattern matches no files' });
      files.push(...matched);
    } else errors.push({ file: input, message: 'no such file or folder' });
  }
  return { files, errors };
}

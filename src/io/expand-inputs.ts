import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { InputError } from '../model/raw-call.js';

export const STDIN = '-';

/**
 * Files under a folder, in name order. Symbolic links are followed, and whatever a walk reaches twice
 * (a link to a parent folder, two links to one file) is taken once; a broken link with a transcript
 * extension is an error, not a silent gap in the batch.
 */
function walk(dir: string, out: string[], accept: (file: string) => boolean, errors: InputError[], seen = new Set<string>()): void {
  const realDir = realpathSync(dir);
  seen.add(realDir);
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    let real = join(realDir, entry.name);
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
        real = realpathSync(path);
      } catch (e) {
        if (accept(path)) errors.push({ file: path, message: `cannot read: a broken link (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
        continue;
      }
    }
    if (seen.has(real)) continue;
    if (isDirectory) {
      try {
        walk(path, out, accept, errors, seen);
      } catch (e) {
        errors.push({ file: path, message: `cannot read folder: ${(e as Error).message}` });
      }
    } else if (isFile && accept(path)) {
      seen.add(real);
      out.push(path);
    }
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
        walk(input, files, accept, errors);
      } catch (e) {
        errors.push({ file: input, message: `cannot read folder: ${(e as Error).message}` });
      }
      if (files.length === before) errors.push({ file: input, message: `folder holds no transcript files (${[...new Set(extensions)].join(' ')})` });
    } else if (stat) files.push(input);
    else if (isDynamicPattern(input)) {
      const matched = globSync(input, { onlyFiles: true, expandDirectories: false }).sort().filter((f) => !skip(f));
      if (matched.length === 0) errors.push({ file: input, message: 'the pattern matches no files' });
      files.push(...matched);
    } else errors.push({ file: input, message: 'no such file or folder' });
  }
  return { files, errors };
}

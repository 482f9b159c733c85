import { ADAPTERS, adapterByName, detectAdapter } from '../adapters/index.js';
import type { AdapterOptions } from '../adapters/adapter.js';
import type { Call } from '../model/call.js';
import { isInputError, normaliseCall } from '../model/normalise-call.js';
import type { InputError } from '../model/raw-call.js';
import { expandInputs, STDIN } from './expand-inputs.js';
import { looksBinary, readSource } from './read-source.js';

export type InputItem = { kind: 'call'; call: Call } | { kind: 'error'; error: InputError };

export interface ReadOptions extends AdapterOptions {
  inputFormat?: string;
}

/** Every input record ends up here as a call or a positioned error, in input order; nothing throws. */
export function* readCalls(inputs: string[], options: ReadOptions = {}): Iterable<InputItem> {
  const { files, errors } = expandInputs(inputs, ADAPTERS.flatMap((a) => a.extensions));
  for (const error of errors) yield { kind: 'error', error };
  const forced = options.inputFormat ? adapterByName(options.inputFormat) : undefined;
  for (const file of files) {
    const name = file === STDIN ? '<stdin>' : file;
    let text: string;
    try {
      text = readSource(file);
    } catch (e) {
      yield { kind: 'error', error: { file: name, message: `cannot read: ${(e as Error).message}` } };
      continue;
    }
    if (looksBinary(text)) {
      yield { kind: 'error', error: { file: name, message: 'binary content (NUL bytes); expected a text transcript' } };
      continue;
    }
    if (text.trim() === '') {
      yield { kind: 'error', error: { file: name, message: 'empty file: no calls' } };
      continue;
    }
    const adapter = forced ?? detectAdapter(name, text.slice(0, 8192));
    if (!adapter) {
      yield { kind: 'error', error: { file: name, message: 'unrecognised format; choose one with --input-format' } };
      continue;
    }
    try {
      for (const item of adapter.read(text, name, options)) {
        if (item.kind === 'error') {
          yield item;
          continue;
        }
        const fallbackId = `${name.replace(/^.*[\\/]/, '')}#${item.call.source.record}`;
        const call = normaliseCall(item.call, fallbackId);
        yield isInputError(call) ? { kind: 'error', error: call } : { kind: 'call', call };
      }
    } catch (e) {
      yield { kind: 'error', error: { file: name, message: `${adapter.name} reader failed: ${(e as Error).message}` } };
    }
  }
}

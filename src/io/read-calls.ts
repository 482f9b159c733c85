import { ADAPTERS, adapterByName, chooseAdapter, type Detection } from '../adapters/index.js';
import type { AdapterOptions } from '../adapters/adapter.js';
import { csvAdapter } from '../adapters/csv-utterances.js';
import { fileStem } from '../adapters/json-document.js';
import { resolveRoles, type RoleOptions } from '../adapters/role-resolver.js';
import type { Call } from '../model/call.js';
import { isInputError, normaliseCall } from '../model/normalise-call.js';
import type { InputError, RawCall } from '../model/raw-call.js';
import { expandInputs, STDIN } from './expand-inputs.js';
import { isSidecarOfTranscript, loadMetaFile, metaFromFilename, readSidecarMeta, type Meta } from './meta-sources.js';
import { looksBinary, readSourceBytes } from './read-source.js';
import { planCsvStream, streamCsv, type CsvStreamPlan } from './stream-csv.js';
import { jsonlChunks, type JsonlChunk } from './jsonl-chunks.js';
import { jsonlLines, parseJsonlLine, type JsonlLine } from './stream-jsonl.js';
import { statSync } from 'node:fs';

export type InputItem = { kind: 'call'; call: Call } | { kind: 'error'; error: InputError };

/**
 * A JSONL line handed on unparsed, with what it needs to become a call anywhere (a worker thread):
 * the file's name and meta layers. `callFromLine` turns it into an InputItem.
 */
export interface DeferredLine extends JsonlLine {
  file: string;
  layers: Meta[];
}

/**
 * Whole lines of a large JSONL file as bytes, not yet decoded, with the file's name and meta layers:
 * `chunkLines` and `callFromLine` make them calls in whichever thread scores them.
 */
export interface DeferredChunk extends JsonlChunk {
  file: string;
  layers: Meta[];
}

/** readCalls with deferred chunks: large JSONL files give their lines as undecoded chunks. */
export type ReadItem = InputItem | { kind: 'chunk'; chunk: DeferredChunk };

/** A meta table loaded once per run (--meta-file). */
export type MetaTable = ReturnType<typeof loadMetaFile>;

export interface ReadOptions extends AdapterOptions, RoleOptions {
  inputFormat?: string;
  /** Named groups over each file's path become meta (--meta-from-filename). */
  metaFromFilename?: RegExp | string;
  /** A CSV of meta keyed by call id (--meta-file). */
  metaFile?: string;
  /** Told about something worth knowing that is not an error, e.g. a file read as Windows-1252. */
  onNote?: (note: InputError) => void;
  /** The --meta-file table, when the caller has loaded it already (it is loaded once per run). */
  metaTable?: MetaTable;
  /** A buffer of a chunk done with, for readCallsDeferred to read the next chunk into. */
  spareChunk?: () => Uint8Array | undefined;
}

/** The options as data, without callbacks: what can be sent to a worker thread. */
export function readOptionsData(options: ReadOptions): Omit<ReadOptions, 'onNote' | 'spareChunk'> {
  const data = { ...options };
  delete data.onNote;
  delete data.spareChunk;
  return data;
}

/** The --meta-file table of these options, loaded now if the caller has not loaded it. */
export function metaTableOf(options: ReadOptions): MetaTable | undefined {
  return options.metaTable ?? (options.metaFile !== undefined ? loadMetaFile(options.metaFile) : undefined);
}

/** Meta from outside the export, lowest precedence first: JSON sidecar, file name, --meta-file row. */
function withMeta(raw: RawCall, layers: Meta[]): RawCall {
  return layers.length === 0 ? raw : { ...raw, meta: Object.assign({ ...raw.meta }, ...layers) as Record<string, unknown> };
}

const lineOfFirstNul = (text: string) => text.slice(0, text.indexOf('\u0000')).split('\n').length;

/** JSONL and CSV files above this size are streamed a chunk at a time instead of read whole. */
const STREAM_BYTES = 4 << 20;

function streamable(file: string, forcedFormat: string | undefined): 'jsonl' | 'csv' | undefined {
  if (file === STDIN) return undefined;
  const kind = /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : /\.csv$/i.test(file) ? 'csv' : undefined;
  if (!kind || (forcedFormat !== undefined && forcedFormat !== (kind === 'jsonl' ? 'cxlint-json' : csvAdapter.name))) return undefined;
  try {
    return statSync(file).size > STREAM_BYTES ? kind : undefined;
  } catch {
    return undefined;
  }
}

/** How to stream a large CSV file, or undefined to read it whole (see planCsvStream); never throws. */
function csvPlan(file: string, forced: boolean): CsvStreamPlan | undefined {
  try {
    return planCsvStream(file, forced);
  } catch {
    return undefined;
  }
}

/** Meta from a JSON sidecar beside the file and from the file name. */
function metaLayers(file: string, name: string, namePattern: RegExp | undefined): { layers: Meta[]; errors: InputError[] } {
  const layers: Meta[] = [];
  const errors: InputError[] = [];
  if (file !== STDIN) {
    const sidecar = readSidecarMeta(file);
    if (sidecar.error) errors.push(sidecar.error);
    if (Object.keys(sidecar.meta).length > 0) layers.push(sidecar.meta);
  }
  if (namePattern) layers.push(metaFromFilename(namePattern, name));
  return { layers, errors };
}

/** A raw call from any reader → meta layers, speaker roles, validation: a call or a positioned error. */
function finishCall(raw: RawCall, name: string, fileLayers: Meta[], table: MetaTable | undefined, options: ReadOptions): InputItem {
  const fallbackId = `${name.replace(/^.*[\\/]/, '')}#${raw.source.record}`;
  const id = raw.id?.trim() || fallbackId;
  const row = table?.rows.get(id) ?? table?.rows.get(fileStem(name));
  const call = normaliseCall(resolveRoles(withMeta(raw, row ? [...fileLayers, row] : fileLayers), options), fallbackId);
  return isInputError(call) ? { kind: 'error', error: call } : { kind: 'call', call };
}

/** A deferred JSONL line → a call or a positioned error, exactly as readCalls would have given it. Pure. */
export function callFromLine(line: DeferredLine, table: MetaTable | undefined, options: ReadOptions): InputItem {
  const item = parseJsonlLine(line, line.file);
  return item.kind === 'error' ? item : finishCall(item.call, line.file, line.layers, table, options);
}

/** Every input record ends up here as a call or a positioned error, in input order; nothing throws. */
export function readCalls(inputs: string[], options: ReadOptions = {}): Iterable<InputItem> {
  return readItems(inputs, options, false) as Iterable<InputItem>;
}

/**
 * readCalls, except that large JSONL files come as chunks of undecoded lines (kind "chunk"), for the
 * caller to decode and parse where it likes — in worker threads, which then do the reader's heaviest
 * work too. The caller reports invalid UTF-8 (see scoreChunk); onNote is not told about it here.
 */
export function readCallsDeferred(inputs: string[], options: ReadOptions = {}): Iterable<ReadItem> {
  return readItems(inputs, options, true);
}

function* readItems(inputs: string[], options: ReadOptions, deferLines: boolean): Iterable<ReadItem> {
  const forced = options.inputFormat ? adapterByName(options.inputFormat) : undefined;
  if (options.inputFormat && !forced) {
    yield { kind: 'error', error: { file: '--input-format', message: `unknown input format "${options.inputFormat}" (choose ${ADAPTERS.map((a) => a.name).join(', ')})` } };
    return;
  }
  let namePattern: RegExp | undefined;
  try {
    namePattern = typeof options.metaFromFilename === 'string' ? new RegExp(options.metaFromFilename) : options.metaFromFilename;
  } catch (e) {
    yield { kind: 'error', error: { file: '--meta-from-filename', message: (e as Error).message } };
  }
  const table = metaTableOf(options);
  for (const error of table?.errors ?? []) yield { kind: 'error', error };

  const extensions = ADAPTERS.flatMap((a) => a.extensions);
  const { files, errors } = expandInputs(inputs, extensions, (f) => isSidecarOfTranscript(f, extensions));
  for (const error of errors) yield { kind: 'error', error };
  for (const file of files) {
    const name = file === STDIN ? '<stdin>' : file;
    const kind = streamable(file, forced?.name);
    const csv = kind === 'csv' ? csvPlan(file, forced !== undefined) : undefined;
    if (kind === 'jsonl' || csv) {
      if (csv?.note) options.onNote?.({ file: name, ...csv.note });
      const fileLayers = metaLayers(file, name, namePattern);
      for (const error of fileLayers.errors) yield { kind: 'error', error };
      try {
        if (csv) {
          for (const item of streamCsv(file, name, csv, options)) yield item.kind === 'error' ? item : finishCall(item.call, name, fileLayers.layers, table, options);
        } else if (deferLines) {
          for (const chunk of jsonlChunks(file, undefined, options.spareChunk)) yield { kind: 'chunk', chunk: { ...chunk, file: name, layers: fileLayers.layers } };
        } else {
          for (const jsonl of jsonlLines(file, (line, message) => options.onNote?.({ file: name, line, message }))) {
            yield callFromLine({ ...jsonl, file: name, layers: fileLayers.layers }, table, options);
          }
        }
      } catch (e) {
        yield { kind: 'error', error: { file: name, message: `cannot read: ${(e as Error).message}` } };
      }
      continue;
    }
    let text: string;
    try {
      const decoded = readSourceBytes(file);
      text = decoded.text;
      if (decoded.note && !looksBinary(text)) options.onNote?.({ file: name, ...(decoded.invalidLine ? { line: decoded.invalidLine } : {}), message: decoded.note });
    } catch (e) {
      yield { kind: 'error', error: { file: name, message: `cannot read: ${(e as Error).message}` } };
      continue;
    }
    if (looksBinary(text)) {
      yield { kind: 'error', error: { file: name, line: lineOfFirstNul(text), message: 'binary content (NUL bytes); expected a text transcript' } };
      continue;
    }
    if (text.trim() === '') {
      yield { kind: 'error', error: { file: name, message: 'empty file: no calls' } };
      continue;
    }
    const detection: Detection = forced ? { adapter: forced } : chooseAdapter(name, text);
    const adapter = detection.adapter;
    if (!adapter) {
      const sidecar = file !== STDIN && isSidecarOfTranscript(file, extensions);
      const message = sidecar ? 'a metadata file: it is read together with its transcript, not on its own' : (detection.reason ?? 'unrecognised format; choose one with --input-format');
      yield { kind: 'error', error: { file: name, ...(detection.line !== undefined ? { line: detection.line } : {}), message } };
      continue;
    }
    const { layers: fileLayers, errors: layerErrors } = metaLayers(file, name, namePattern);
    for (const error of layerErrors) yield { kind: 'error', error };
    try {
      const items = detection.json && adapter.readJson ? adapter.readJson(detection.json.value, name, options) : adapter.read(text, name, options);
      for (const item of items) yield item.kind === 'error' ? item : finishCall(item.call, name, fileLayers, table, options);
    } catch (e) {
      yield { kind: 'error', error: { file: name, message: `${adapter.name} reader failed: ${(e as Error).message}` } };
    }
  }
}

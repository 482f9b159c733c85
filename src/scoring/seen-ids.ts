import type { CallSource } from '../model/call.js';

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Two 32-bit hashes of a string from different seeds and multipliers, finalised: a 64-bit fingerprint. */
function fingerprint(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // 0 marks an empty slot: never a fingerprint half
  return [fmix32(a) || 1, fmix32(b)];
}

/**
 * The call ids seen in a run and where each was first read, in about 40 bytes per id — a Map of the
 * id strings and their sources took 140, which for a million calls is the difference between 40 MB
 * and 140 MB. Ids are kept as 64-bit fingerprints (two finalised 32-bit hashes): two different ids
 * share one with a chance of about n²/2⁶⁵, one in 37 million for a million calls.
 */
export class SeenIds {
  private capacity = 1 << 12;
  private size = 0;
  private keyA = new Uint32Array(this.capacity);
  private keyB = new Uint32Array(this.capacity);
  private file = new Uint32Array(this.capacity);
  private record = new Uint32Array(this.capacity);
  /** Line + 1; 0 when the source has no line. */
  private line = new Uint32Array(this.capacity);
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();

  /** Where the id was first read, or undefined (and the id is remembered with this source). */
  firstSeen(id: string, source: CallSource): CallSource | undefined {
    const [a, b] = fingerprint(id);
    let slot = this.find(a, b);
    if (this.keyA[slot] !== 0) {
      const line = this.line[slot]! - 1;
      return { file: this.files[this.file[slot]!]!, record: this.record[slot]!, ...(line >= 0 ? { line } : {}) };
    }
    if ((this.size + 1) * 2 > this.capacity) {
      this.grow();
      slot = this.find(a, b);
    }
    let f = this.fileIndex.get(source.file);
    if (f === undefined) {
      f = this.files.push(source.file) - 1;
      this.fileIndex.set(source.file, f);
    }
    this.keyA[slot] = a;
    this.keyB[slot] = b;
    this.file[slot] = f;
    this.record[slot] = source.record;
    this.line[slot] = source.line === undefined ? 0 : source.line + 1;
    this.size++;
    return undefined;
  }

  /** The slot holding (a, b), or the empty slot where it would go (linear probing). */
  private find(a: number, b: number): number {
    const mask = this.capacity - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    while (this.keyA[slot] !== 0 && (this.keyA[slot] !== a || this.keyB[slot] !== b)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const old = { a: this.keyA, b: this.keyB, file: this.file, record: this.record, line: this.line };
    this.capacity *= 2;
    this.keyA = new Uint32Array(this.capacity);
    this.keyB = new Uint32Array(this.capacity);
    this.file = new Uint32Array(this.capacity);
    this.record = new Uint32Array(this.capacity);
    this.line = new Uint32Array(this.capacity);
    for (let i = 0; i < old.a.length; i++) {
      if (old.a[i] === 0) continue;
      const slot = this.find(old.a[i]!, old.b[i]!);
      this.keyA[slot] = old.a[i]!;
      this.keyB[slot] = old.b[i]!;
      this.file[slot] = old.file[i]!;
      this.record[slot] = old.record[i]!;
      this.line[slot] = old.line[i]!;
    }
  }
}

// A minimal protobuf wire-format reader: enough to decode the CMS grouper's data file
// (msdrg_combined.bin) without a protobuf dependency. Messages decode to field-number → values.

export type PbValue = number | Uint8Array;
export type PbMessage = Map<number, PbValue[]>;

export class ProtobufError extends Error {}

function readVarint(buf: Uint8Array, pos: { p: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos.p >= buf.length) throw new ProtobufError(`truncated varint at byte ${pos.p}`);
    const b = buf[pos.p++]!;
    // Numbers in this file fit in 53 bits; multiply instead of shifting past 31 bits.
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
    shift += 7;
    if (shift > 63) throw new ProtobufError(`varint too long at byte ${pos.p}`);
  }
}

/** Decodes one message level. Length-delimited fields stay raw bytes (decode them again as needed). */
export function decodeMessage(buf: Uint8Array): PbMessage {
  const out: PbMessage = new Map();
  const pos = { p: 0 };
  while (pos.p < buf.length) {
    const key = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: PbValue;
    if (wire === 0) value = readVarint(buf, pos);
    else if (wire === 2) {
      const len = readVarint(buf, pos);
      if (pos.p + len > buf.length) throw new ProtobufError(`field ${field} overruns the buffer at byte ${pos.p}`);
      value = buf.subarray(pos.p, pos.p + len);
      pos.p += len;
    } else if (wire === 5) {
      value = new DataView(buf.buffer, buf.byteOffset + pos.p, 4).getUint32(0, true);
      pos.p += 4;
    } else if (wire === 1) {
      value = new DataView(buf.buffer, buf.byteOffset + pos.p, 8).getFloat64(0, true);
      pos.p += 8;
    } else throw new ProtobufError(`unsupported wire type ${wire} for field ${field} at byte ${pos.p}`);
    let list = out.get(field);
    if (!list) out.set(field, (list = []));
    list.push(value);
  }
  return out;
}

const utf8 = new TextDecoder();

export function str(m: PbMessage, field: number): string {
  const v = m.get(field)?.[0];
  return v instanceof Uint8Array ? utf8.decode(v) : '';
}
export function strs(m: PbMessage, field: number): string[] {
  return (m.get(field) ?? []).map((v) => (v instanceof Uint8Array ? utf8.decode(v) : String(v)));
}
export function int(m: PbMessage, field: number): number {
  const v = m.get(field)?.[0];
  if (v === undefined) return 0;
  if (v instanceof Uint8Array) throw new ProtobufError(`field ${field} is not a number`);
  return v > 0x7fffffff ? v - 2 ** 64 : v;
}
/** Repeated ints, packed or not. */
export function ints(m: PbMessage, field: number): number[] {
  const out: number[] = [];
  for (const v of m.get(field) ?? []) {
    if (v instanceof Uint8Array) {
      const pos = { p: 0 };
      while (pos.p < v.length) out.push(readVarint(v, pos));
    } else out.push(v);
  }
  return out;
}
export function msgs(m: PbMessage, field: number): PbMessage[] {
  return (m.get(field) ?? []).map((v) => {
    if (!(v instanceof Uint8Array)) throw new ProtobufError(`field ${field} is not a message`);
    return decodeMessage(v);
  });
}
export function msg(m: PbMessage, field: number): PbMessage {
  return msgs(m, field)[0] ?? new Map();
}

// A msgpack decoder for the raw payload view: maps become objects keyed by their keys as text (the
// numeric field tags), bin becomes {"$bin": base64}, ext {"$ext": type, "$bin": base64}, integers
// beyond 2^53 become exact decimal strings. Throws on malformed input.

/** @param {Uint8Array} data */
export function decodeMsgpack(data) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  const need = (n) => {
    if (pos + n > data.length) throw new Error(`msgpack: truncated at byte ${pos}`);
  };
  const u8 = () => {
    need(1);
    return data[pos++];
  };
  const take = (n) => {
    need(n);
    const out = data.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  const num = (read, n) => {
    need(n);
    const v = read(pos);
    pos += n;
    return v;
  };
  const big = (v) =>
    v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER) ? String(v) : Number(v);
  const str = (n) => new TextDecoder().decode(take(n));
  const bin = (n) => ({ $bin: toBase64(take(n)) });
  const ext = (n) => {
    const type = num((p) => view.getInt8(p), 1);
    return { $ext: type, $bin: toBase64(take(n)) };
  };
  const array = (n) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(value());
    return out;
  };
  const map = (n) => {
    const out = {};
    for (let i = 0; i < n; i++) {
      const key = value();
      out[typeof key === "object" && key !== null ? JSON.stringify(key) : String(key)] = value();
    }
    return out;
  };
  const value = () => {
    const b = u8();
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if ((b & 0xf0) === 0x80) return map(b & 0x0f);
    if ((b & 0xf0) === 0x90) return array(b & 0x0f);
    if ((b & 0xe0) === 0xa0) return str(b & 0x1f);
    switch (b) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return bin(u8());
      case 0xc5:
        return bin(num((p) => view.getUint16(p), 2));
      case 0xc6:
        return bin(num((p) => view.getUint32(p), 4));
      case 0xc7:
        return ext(u8());
      case 0xc8:
        return ext(num((p) => view.getUint16(p), 2));
      case 0xc9:
        return ext(num((p) => view.getUint32(p), 4));
      case 0xca:
        return num((p) => view.getFloat32(p), 4);
      case 0xcb:
        return num((p) => view.getFloat64(p), 8);
      case 0xcc:
        return u8();
      case 0xcd:
        return num((p) => view.getUint16(p), 2);
      case 0xce:
        return num((p) => view.getUint32(p), 4);
      case 0xcf:
        return big(num((p) => view.getBigUint64(p), 8));
      case 0xd0:
        return num((p) => view.getInt8(p), 1);
      case 0xd1:
        return num((p) => view.getInt16(p), 2);
      case 0xd2:
        return num((p) => view.getInt32(p), 4);
      case 0xd3:
        return big(num((p) => view.getBigInt64(p), 8));
      case 0xd4:
        return ext(1);
      case 0xd5:
        return ext(2);
      case 0xd6:
        return ext(4);
      case 0xd7:
        return ext(8);
      case 0xd8:
        return ext(16);
      case 0xd9:
        return str(u8());
      case 0xda:
        return str(num((p) => view.getUint16(p), 2));
      case 0xdb:
        return str(num((p) => view.getUint32(p), 4));
      case 0xdc:
        return array(num((p) => view.getUint16(p), 2));
      case 0xdd:
        return array(num((p) => view.getUint32(p), 4));
      case 0xde:
        return map(num((p) => view.getUint16(p), 2));
      case 0xdf:
        return map(num((p) => view.getUint32(p), 4));
      default:
        throw new Error(`msgpack: unknown type byte 0x${b.toString(16)} at ${pos - 1}`);
    }
  };
  const out = value();
  if (pos !== data.length) throw new Error(`msgpack: ${data.length - pos} trailing bytes`);
  return out;
}

function toBase64(data) {
  let bin = "";
  for (const b of data) bin += String.fromCharCode(b);
  return btoa(bin);
}

// Encoding test text the way Chinese Windows tools save it. Node has no GBK encoder, so the
// reverse table is built once from the platform's GB18030 decoder (two-byte range, which covers
// GBK and GB2312).

let table: Map<string, number[]> | undefined;

function gbTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return table;
}

export function encodeGb18030(text: string): Uint8Array {
  const t = gbTable();
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = t.get(ch);
      if (!b) throw new Error(`无法用 GBK 编码的字符：${ch}`);
      out.push(...b);
    }
  }
  return Uint8Array.from(out);
}

export function encodeUtf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let i = 0;
  if (bom) {
    out[i++] = endian === 'le' ? 0xff : 0xfe;
    out[i++] = endian === 'le' ? 0xfe : 0xff;
  }
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (endian === 'le') {
      out[i++] = c & 0xff;
      out[i++] = c >> 8;
    } else {
      out[i++] = c >> 8;
      out[i++] = c & 0xff;
    }
  }
  return out;
}

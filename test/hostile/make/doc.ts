// Word 97–2003 (.doc) cases: a genuine small document whose structures are multiplied or made to
// lie (the character-formatting listing naming one page hundreds of thousands of times, a piece
// table pointing thousands of pieces at the same text, cut-off streams).

import { readFileSync } from 'node:fs';
import CFB from 'cfb';
import { FC, readFib } from '../../../src/ingest/doc/fib.ts';
import { FIXTURE_DOC } from './sources.ts';

interface DocParts {
  cfb: CFB.CFB$Container;
  wd: Buffer;
  table: Buffer;
  tableName: string;
  /** Offset in the WordDocument stream of FibRgFcLcb entry `index`. */
  fcLcbAt(index: number): number;
}

function open(): DocParts {
  const cfb = CFB.read(readFileSync(FIXTURE_DOC), { type: 'buffer' });
  const wd = Buffer.from(CFB.find(cfb, 'WordDocument')!.content as Uint8Array);
  const fib = readFib(new DataView(wd.buffer, wd.byteOffset, wd.byteLength));
  const tableName = fib.table1 ? '1Table' : '0Table';
  const table = Buffer.from(CFB.find(cfb, tableName)!.content as Uint8Array);
  const csw = wd.readUInt16LE(0x20);
  const rgLw = 0x22 + csw * 2 + 2;
  const cslw = wd.readUInt16LE(rgLw - 2);
  const blob = rgLw + cslw * 4 + 2;
  return { cfb, wd, table, tableName, fcLcbAt: (i) => blob + i * 8 };
}

function write(p: DocParts): Uint8Array {
  const put = (name: string, content: Buffer) => {
    const e = CFB.find(p.cfb, name)!;
    e.content = content;
    e.size = content.length;
  };
  put('WordDocument', p.wd);
  put(p.tableName, p.table);
  return CFB.write(p.cfb, { type: 'buffer' }) as Uint8Array;
}

/** A PlcBteChpx that lists the document's first character-formatting page `times` times. */
export function chpxListedOver(times: number): Uint8Array {
  const p = open();
  const at = p.fcLcbAt(FC.plcfBteChpx);
  const fc = p.wd.readUInt32LE(at);
  const n = Math.floor((p.wd.readUInt32LE(at + 4) - 4) / 8);
  const pn = p.table.readUInt32LE(fc + (n + 1) * 4);
  const plc = Buffer.alloc((times + 1) * 4 + times * 4);
  for (let i = 0; i <= times; i++) plc.writeUInt32LE(i, i * 4);
  for (let i = 0; i < times; i++) plc.writeUInt32LE(pn, (times + 1) * 4 + i * 4);
  p.wd.writeUInt32LE(p.table.length, at);
  p.wd.writeUInt32LE(plc.length, at + 4);
  p.table = Buffer.concat([p.table, plc]);
  return write(p);
}

/** A piece table of `pieces` pieces that all point at the bytes of the document's first piece. */
export function piecesOverSameText(pieces: number): Uint8Array {
  const p = open();
  const at = p.fcLcbAt(FC.clx);
  let q = p.wd.readUInt32LE(at);
  while (p.table[q] === 0x01) q += 3 + p.table.readUInt16LE(q + 1);
  const lcb = p.table.readUInt32LE(q + 1);
  const plc = q + 5;
  const n = Math.floor((lcb - 4) / 12);
  const len = p.table.readUInt32LE(plc + 4) - p.table.readUInt32LE(plc);
  const pcd = p.table.subarray(plc + (n + 1) * 4, plc + (n + 1) * 4 + 8);
  const out = Buffer.alloc(5 + (pieces + 1) * 4 + pieces * 8);
  out[0] = 0x02;
  out.writeUInt32LE((pieces + 1) * 4 + pieces * 8, 1);
  for (let i = 0; i <= pieces; i++) out.writeUInt32LE(i * len, 5 + i * 4);
  for (let i = 0; i < pieces; i++) pcd.copy(out, 5 + (pieces + 1) * 4 + i * 8);
  p.wd.writeUInt32LE(p.table.length, at);
  p.wd.writeUInt32LE(out.length, at + 4);
  // ccpText: every piece is body text
  const csw = p.wd.readUInt16LE(0x20);
  p.wd.writeInt32LE(pieces * len, 0x22 + csw * 2 + 2 + 0x0c);
  p.table = Buffer.concat([p.table, out]);
  return write(p);
}

/** The document cut off after `keep` of its bytes. */
export function truncatedDoc(keep: number): Uint8Array {
  return readFileSync(FIXTURE_DOC).subarray(0, keep);
}

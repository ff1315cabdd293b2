// The File Information Block at the start of a Word 97–2003 document's WordDocument stream
// ([MS-DOC] 2.5): flags, the lengths of the document's text parts, and where the tables that
// describe the text (pieces, paragraph properties, lists, styles) lie in the table stream.

export interface Fib {
  nFib: number;
  encrypted: boolean;
  /** The table stream is "1Table" (else "0Table"). */
  table1: boolean;
  /** Characters of the main document text (the body; footnotes, headers etc. follow it). */
  ccpText: number;
  /** Offset and length in the table stream of FibRgFcLcb entry `index`; [0, 0] when absent. */
  fcLcb(index: number): [number, number];
}

/** Indices of FibRgFcLcb97 entries used by the reader. */
export const FC = {
  stshf: 1,
  plcfBteChpx: 12,
  plcfBtePapx: 13,
  clx: 33,
  plfLst: 73,
  plfLfo: 74,
} as const;

export function readFib(wd: DataView): Fib {
  const ident = wd.getUint16(0, true);
  if (ident !== 0xa5ec) throw new Error(`FIB 标识不对（${ident.toString(16)}）`);
  const nFib = wd.getUint16(2, true);
  const flags = wd.getUint16(0x0a, true);
  const csw = wd.getUint16(0x20, true);
  const rgLw = 0x22 + csw * 2 + 2;
  const cslw = wd.getUint16(rgLw - 2, true);
  const ccpText = wd.getInt32(rgLw + 0x0c, true);
  const cbAt = rgLw + cslw * 4;
  const cbRgFcLcb = wd.getUint16(cbAt, true);
  const blob = cbAt + 2;
  return {
    nFib,
    encrypted: (flags & 0x0100) !== 0,
    table1: (flags & 0x0200) !== 0,
    ccpText,
    fcLcb(index) {
      if (index >= cbRgFcLcb) return [0, 0];
      return [wd.getUint32(blob + index * 8, true), wd.getUint32(blob + index * 8 + 4, true)];
    },
  };
}

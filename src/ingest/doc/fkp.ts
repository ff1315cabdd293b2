// Paragraph and character properties of a Word 97–2003 document: the formatted disk pages (FKP,
// [MS-DOC] 2.9.73 and 2.9.74) listed by PlcBtePapx / PlcBteChpx. Each run of bytes in the
// WordDocument stream gets a grpprl (see sprm.ts).

import { SPRM, eachSprm } from './sprm.ts';

export interface Props {
  /** Style index (paragraph properties only). */
  istd: number;
  g: DataView;
  start: number;
  end: number;
}

export interface PropRuns {
  /** Properties of the run holding byte `fc`, or null. */
  at(fc: number): Props | null;
  /** All runs, in stream order. */
  runs: { fcStart: number; fcEnd: number; props: Props | null }[];
}

const PAGE = 512;

function pagesOf(table: DataView, fc: number, lcb: number): number[] {
  if (lcb < 4) return [];
  const n = Math.floor((lcb - 4) / 8);
  const pns: number[] = [];
  for (let i = 0; i < n; i++) pns.push(table.getUint32(fc + (n + 1) * 4 + i * 4, true) & 0x3fffff);
  return pns;
}

function index(runs: PropRuns['runs']): PropRuns {
  return {
    runs,
    at(fc) {
      let lo = 0;
      let hi = runs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const r = runs[mid];
        if (fc < r.fcStart) hi = mid - 1;
        else if (fc >= r.fcEnd) lo = mid + 1;
        else return r.props;
      }
      return null;
    },
  };
}

/** Paragraph properties, with huge property lists (sprmPHugePapx) taken from the Data stream. */
export function readPapx(wd: DataView, table: DataView, data: DataView | null, fc: number, lcb: number): PropRuns {
  const runs: PropRuns['runs'] = [];
  for (const pn of pagesOf(table, fc, lcb)) {
    const page = pn * PAGE;
    if (page + PAGE > wd.byteLength) throw new Error('段落格式页超出文档流');
    const crun = wd.getUint8(page + 511);
    for (let j = 0; j < crun; j++) {
      const fcStart = wd.getUint32(page + j * 4, true);
      const fcEnd = wd.getUint32(page + (j + 1) * 4, true);
      const bOffset = wd.getUint8(page + (crun + 1) * 4 + j * 13) * 2;
      let props: Props | null = null;
      if (bOffset) {
        let cb = wd.getUint8(page + bOffset);
        let start = page + bOffset + 1;
        let len = 2 * cb - 1;
        if (cb === 0) {
          cb = wd.getUint8(page + bOffset + 1);
          start = page + bOffset + 2;
          len = 2 * cb;
        }
        const end = Math.min(start + len, page + 511);
        if (end - start >= 2) {
          props = { istd: wd.getUint16(start, true), g: wd, start: start + 2, end };
          if (data) props = huge(props, data);
        }
      }
      runs.push({ fcStart, fcEnd, props });
    }
  }
  return index(runs);
}

function huge(p: Props, data: DataView): Props {
  let at = -1;
  eachSprm(p.g, p.start, p.end, (sprm, o) => {
    if (sprm === SPRM.pHugePapx) at = p.g.getUint32(o, true);
  });
  if (at < 0 || at + 2 > data.byteLength) return p;
  const cb = data.getUint16(at, true);
  return { istd: p.istd, g: data, start: at + 2, end: Math.min(at + 2 + cb, data.byteLength) };
}

/** Character properties. */
export function readChpx(wd: DataView, table: DataView, fc: number, lcb: number): PropRuns {
  const runs: PropRuns['runs'] = [];
  for (const pn of pagesOf(table, fc, lcb)) {
    const page = pn * PAGE;
    if (page + PAGE > wd.byteLength) throw new Error('字符格式页超出文档流');
    const crun = wd.getUint8(page + 511);
    for (let j = 0; j < crun; j++) {
      const fcStart = wd.getUint32(page + j * 4, true);
      const fcEnd = wd.getUint32(page + (j + 1) * 4, true);
      const b = wd.getUint8(page + (crun + 1) * 4 + j) * 2;
      let props: Props | null = null;
      if (b) {
        const cb = wd.getUint8(page + b);
        props = { istd: 0, g: wd, start: page + b + 1, end: Math.min(page + b + 1 + cb, page + 511) };
      }
      runs.push({ fcStart, fcEnd, props });
    }
  }
  return index(runs);
}

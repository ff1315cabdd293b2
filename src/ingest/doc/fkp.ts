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

/** Most runs a page can hold ([MS-DOC]: crun of a ChpxFkp ≤ 0x65, of a PapxFkp ≤ 0x1D). */
const MAX_CRUN = { chpx: 0x65, papx: 0x1d };

/**
 * Most formatting runs read from one document. A 300-page report has tens of thousands; each run
 * costs an object, so a listing that names pages over and over must be stopped by count.
 */
export const MAX_FORMAT_RUNS = 500_000;

/**
 * The formatted disk pages listed by a PlcBte, each once. A page listed twice is a damaged or
 * hostile listing (Word writes each page once): refused, as a listing that names more pages than
 * the stream holds.
 */
function pagesOf(table: DataView, fc: number, lcb: number, wd: DataView, what: string): number[] {
  if (lcb < 4) return [];
  const n = Math.floor((lcb - 4) / 8);
  if (n > wd.byteLength / PAGE) throw new Error(`${what}表列出的格式页（${n} 个）多于文档流所能容纳的`);
  const pns: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const pn = table.getUint32(fc + (n + 1) * 4 + i * 4, true) & 0x3fffff;
    if (seen.has(pn)) throw new Error(`${what}表重复列出同一个格式页`);
    seen.add(pn);
    pns.push(pn);
  }
  return pns;
}

/** The run count of the page at `page`, checked against the format's maximum. */
function runCount(wd: DataView, page: number, max: number, what: string): number {
  if (page + PAGE > wd.byteLength) throw new Error(`${what}页超出文档流`);
  const crun = wd.getUint8(page + 511);
  if (crun > max) throw new Error(`${what}页的条目数不对`);
  return crun;
}

function countRuns(runs: PropRuns['runs'], what: string): void {
  if (runs.length > MAX_FORMAT_RUNS) throw new Error(`${what}条目超过 ${MAX_FORMAT_RUNS.toLocaleString('en-US')} 个`);
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
  for (const pn of pagesOf(table, fc, lcb, wd, '段落格式')) {
    const page = pn * PAGE;
    const crun = runCount(wd, page, MAX_CRUN.papx, '段落格式');
    countRuns(runs, '段落格式');
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
  for (const pn of pagesOf(table, fc, lcb, wd, '字符格式')) {
    const page = pn * PAGE;
    const crun = runCount(wd, page, MAX_CRUN.chpx, '字符格式');
    countRuns(runs, '字符格式');
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

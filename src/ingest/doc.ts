// DOC reader: a Word 97–2003 document → paragraphs and tables. Also WPS 文字's .wps (and .doc)
// files, which since WPS Office 2005 are Word 97 binary documents with Kingsoft's marks (the
// KSOProductBuildVer property, WpsCustomData streams): read alike, their kind reported as 'wps'.
// The compound file and the Word binary structures are read in doc/ (streams, text pieces,
// paragraph and character properties, table rows, list numbering). Encrypted files
// (a password-protected .doc, or a .docx with an open password, which is a compound file holding
// an EncryptedPackage) are refused with their own error.

import { IngestError } from './errors.ts';
import { sha256 } from './text.ts';
import type { SourceDocument } from './types.ts';
import { readDocBody } from './doc/body.ts';
import { readCompound, type Compound } from './doc/compound.ts';
import { FC, readFib } from './doc/fib.ts';
import { readChpx, readPapx } from './doc/fkp.ts';
import { readLists } from './doc/lists.ts';
import { readText } from './doc/pieces.ts';
import { SPRM, eachSprm, toggleOn } from './doc/sprm.ts';

/** The reader's own (Chinese) explanation of a failure; engine messages are not for users. */
function detail(e: unknown): string {
  const m = (e as Error)?.message ?? '';
  return /[\u4e00-\u9fa5]/.test(m) ? `（${m}）` : '';
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

export function readDoc(bytes: Uint8Array, name: string): SourceDocument {
  let s: Compound;
  try {
    s = readCompound(bytes);
  } catch (e) {
    throw new IngestError('corrupt', name, `Office 复合文档已损坏，无法打开${detail(e)}`);
  }
  if (s.names.has('EncryptedPackage') || s.names.has('EncryptionInfo')) {
    throw new IngestError('encrypted', name, '这是设有打开密码的 Office 文档（加密的 .docx），无法读取；请去掉密码后重新导入');
  }
  const wps = isWps(s);
  if (!s.names.has('WordDocument')) {
    if (wps) throw new IngestError('unsupported', name, '这是 WPS 文字的早期格式（与 Word 不兼容的 .wps），暂不支持；请用 WPS 另存为 .docx 或 .doc 后再导入');
    if (s.names.has('Workbook') || s.names.has('Book')) throw new IngestError('unsupported', name, '这是 Excel 97–2003 表格（.xls），不是 Word 文档；暂不支持读取表格文件');
    if (s.names.has('PowerPoint Document')) throw new IngestError('unsupported', name, '这是 PowerPoint 97–2003 演示文稿（.ppt），不是 Word 文档');
    throw new IngestError('unsupported', name, '这个 Office 复合文档不是 Word 文档（没有 WordDocument 正文流）');
  }
  let blocks;
  let pictures = false;
  try {
    const wdBytes = s.get('WordDocument')!;
    const wd = view(wdBytes);
    const fib = readFib(wd);
    if (fib.encrypted) throw new IngestError('encrypted', name, 'Word 文档设有打开密码（已加密），无法读取；请去掉密码后重新导入');
    if (fib.nFib < 0xc1 && fib.nFib !== 0) {
      throw new IngestError('unsupported', name, '这是 Word 6.0/95 或更早格式的文档，暂不支持；请用办公软件另存为 .docx 后再导入');
    }
    const tableBytes = s.get(fib.table1 ? '1Table' : '0Table');
    if (!tableBytes) throw new IngestError('corrupt', name, 'Word 文档（.doc）已损坏：缺少表流');
    const table = view(tableBytes);
    const data = s.get('Data');
    const text = readText(wdBytes, table, ...fib.fcLcb(FC.clx), Math.max(0, fib.ccpText));
    pictures = /[\x01\x08]/.test(text.text); // inline pictures and drawn objects
    const papx = readPapx(wd, table, data ? view(data) : null, ...fib.fcLcb(FC.plcfBtePapx));
    const removed = removedText(text.text.length, text, readChpx(wd, table, ...fib.fcLcb(FC.plcfBteChpx)));
    let lists = null;
    try {
      lists = readLists(table, fib.fcLcb(FC.plfLst), fib.fcLcb(FC.plfLfo), fib.fcLcb(FC.stshf));
    } catch {
      lists = null; // numbering is a nicety: read the text without it
    }
    blocks = readDocBody(text, papx, removed, lists);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('corrupt', name, `Word 文档（.doc）已损坏，无法读取${detail(e)}`);
  }
  if (!blocks.length) {
    if (pictures) throw new IngestError('scanned', name, 'Word 文档（.doc）中只有图片、没有文字（可能是扫描件），需要先做文字识别（OCR）才能读取');
    throw new IngestError('empty', name, 'Word 文档（.doc）中没有文字');
  }
  return { name, kind: wps ? 'wps' : 'doc', sha256: sha256(bytes), size: bytes.length, blocks };
}

const KINGSOFT_STREAM = /^(?:WpsCustomData|KSO|Kingsoft)/i;
const KINGSOFT_PROPERTY = 'KSOProductBuildVer';

/** Written by WPS Office: a Kingsoft stream, or WPS's build-version property (ANSI or UTF-16). */
function isWps(s: Compound): boolean {
  for (const n of s.names) if (KINGSOFT_STREAM.test(n)) return true;
  const props = s.get('\u0005DocumentSummaryInformation');
  if (!props) return false;
  const b = Buffer.from(props.buffer, props.byteOffset, props.byteLength);
  return b.includes(KINGSOFT_PROPERTY, 0, 'latin1') || b.includes(KINGSOFT_PROPERTY, 0, 'utf16le');
}

/** Characters of deleted revisions and hidden text (1 = leave out). */
function removedText(length: number, text: ReturnType<typeof readText>, chpx: ReturnType<typeof readChpx>): Uint8Array | null {
  let mask: Uint8Array | null = null;
  for (const run of chpx.runs) {
    const p = run.props;
    if (!p) continue;
    let gone = false;
    eachSprm(p.g, p.start, p.end, (sprm, at) => {
      if ((sprm === SPRM.cFRMarkDel || sprm === SPRM.cFVanish) && toggleOn(p.g.getUint8(at))) gone = true;
    });
    if (!gone) continue;
    mask ??= new Uint8Array(length);
    for (const [a, b] of text.cpRanges(run.fcStart, run.fcEnd)) mask.fill(1, Math.max(0, a), Math.min(length, b));
  }
  return mask;
}

// Is there a text layer to read? A scanned document has none (at most a page number per page); a
// document whose fonts lack any mapping to Unicode decodes to private-use or replacement characters.

import { IngestError } from '../errors.ts';
import type { PdfLayers } from './document.ts';

/** Characters a text layer without a usable encoding decodes to (private use, replacement, controls). */
function isGarbage(c: number): boolean {
  return (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13);
}

/** Refuse documents whose text layer is missing (a scan) or undecodable. */
export function checkTextLayer(layers: PdfLayers, name: string): void {
  let chars = 0;
  let garbage = 0;
  for (const p of layers.pages) {
    for (const r of p.runs) {
      for (let i = 0; i < r.text.length; i++) {
        const c = r.text.charCodeAt(i);
        if (c <= 32 || c === 0x3000) continue;
        chars++;
        if (isGarbage(c)) garbage++;
      }
    }
  }
  // A page of an annual report holds hundreds of characters; a scan at most a page number, and
  // pictures of its pages. A document with little text and no picture is no scan: it is read, and
  // the parser says what it lacks.
  if (chars < 20 * Math.max(1, layers.pages.length)) {
    if (layers.images > 0) throw new IngestError('scanned', name, '这是扫描件（PDF 中没有可读取的文字层），需要先做文字识别（OCR）才能读取');
    if (chars === 0) throw new IngestError('empty', name, 'PDF 中没有任何文字（也没有图片）');
  }
  if (garbage > chars * 0.3) {
    throw new IngestError('unreadable', name, 'PDF 的文字无法解码（字体缺少编码映射，提取出的是乱码），需要先做文字识别（OCR）才能读取');
  }
}

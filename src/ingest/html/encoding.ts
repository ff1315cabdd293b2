// The encoding of a web page: byte order mark first, then the page's own declaration
// (<meta charset> or <meta http-equiv="Content-Type" content="…; charset=…">), then the content.
// GBK and GB2312 are decoded as GB18030, their superset (pages declared gb2312 often hold GBK
// characters). A declaration that the bytes plainly contradict is not followed: Chinese portals
// copy page templates, so "gb2312" pages saved as UTF-8 and the reverse both occur.

import { decodeText } from '../decode.ts';

export interface DecodedPage {
  text: string;
  /** Encoding actually used to decode the bytes. */
  encoding: string;
  /** Charset the page declares, lower-cased, if any. */
  declared: string | null;
}

/** How far into the page the declaration is looked for (the HTML standard prescans 1024 bytes). */
const PRESCAN_BYTES = 4096;

const GB_FAMILY = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'windows-936', 'ms936', 'euc-cn', 'csgb2312', 'chinese', 'iso-ir-58', 'gb_2312-80']);
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'utf-16', 'utf-16le', 'utf-16be']);
const BIG5 = new Set(['big5', 'big5-hkscs', 'cn-big5', 'x-x-big5', 'csbig5']);

/** The charset a page declares in its first kilobytes, lower-cased. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES)).replace(/<!--[\s\S]*?-->/g, '');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const cs = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(m[0]);
    if (cs) return cs[1].toLowerCase();
  }
  return null;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The most frequent characters of Chinese writing, in both their simplified and traditional forms
 * where they differ (以 / 與 …): text decoded in the right encoding is full of them, text decoded in
 * the wrong one hardly has any.
 */
const COMMON = new Set(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严' +
    '這個們來時為說國會經對於進與過發當沒動後開關現點應問從學實體機還種長頭見頁條區門報務職統計處書產節傳萬請網讓結議總據設證驗隊陽義連術與請',
);

function commonHanzi(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (COMMON.has(text[i])) n++;
  return n;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

export function decodePage(bytes: Uint8Array): DecodedPage {
  const declared = declaredCharset(bytes);
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (hasBom) {
    const d = decodeText(bytes);
    return { text: d.text, encoding: d.encoding, declared };
  }
  if (declared && UTF8.has(declared)) {
    // A UTF-16 declaration found by an ASCII prescan cannot be true; HTML treats it as UTF-8.
    const text = strictUtf8(bytes);
    if (text !== null) return { text, encoding: 'utf-8', declared };
  } else if (declared && (GB_FAMILY.has(declared) || BIG5.has(declared))) {
    // GBK or Big5 text that also happens to be valid UTF-8 with non-ASCII bytes does not occur
    // in practice; such a page was saved as UTF-8 under an old template's declaration.
    const text = hasNonAscii(bytes) ? strictUtf8(bytes) : null;
    if (text !== null) return { text, encoding: 'utf-8', declared };
    // GBK and Big5 share their byte ranges, so either decodes the other's bytes, into other
    // characters: a page copied from a template of the other kind is read in the encoding whose
    // reading holds more of the most common Chinese characters.
    const gb = new TextDecoder('gb18030').decode(bytes);
    const big5 = new TextDecoder('big5').decode(bytes);
    const [gbScore, big5Score] = [commonHanzi(gb), commonHanzi(big5)];
    const encoding = gbScore === big5Score ? (GB_FAMILY.has(declared) ? 'gb18030' : 'big5') : gbScore > big5Score ? 'gb18030' : 'big5';
    return { text: encoding === 'gb18030' ? gb : big5, encoding, declared };
  }
  // No declaration, or one that says nothing useful (iso-8859-1 on a Chinese page): the content.
  const d = decodeText(bytes);
  return { text: d.text, encoding: d.encoding, declared };
}

// The parts of a Word package that the reader needs, found the way Word finds them: the main
// document through the package relationships, numbering and styles through the document's.
// External relationships (links to other files or web addresses) are never followed.

import { IngestError } from '../errors.ts';
import { openZip } from './zip.ts';
import { decodeXml, parseXml, type XmlPart } from './xml.ts';

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_NUMBERING = /\/numbering$/;
const REL_STYLES = /\/styles$/;
const REL_CORE = /\/(core-properties|metadata\/core-properties)$/;

export interface WordParts {
  document: XmlPart;
  numbering: XmlPart | null;
  styles: XmlPart | null;
  core: XmlPart | null;
  /** Number of pictures and other media in the package. */
  media: number;
}

interface Relationship {
  type: string;
  target: string;
}

/** Normalise `target` relative to the folder `base` ('' for the package root). */
function resolvePart(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function readWordPackage(bytes: Uint8Array, file: string): WordParts {
  const zip = openZip(bytes, file);
  const lower = new Map<string, string>();
  for (const name of zip.entries.keys()) lower.set(name.toLowerCase(), name);
  const read = (part: string): Uint8Array | null => {
    const name = zip.entries.has(part) ? part : lower.get(part.toLowerCase());
    return name ? zip.read(name) : null;
  };
  const xmlPart = (part: string): XmlPart | null => {
    const b = read(part);
    return b ? decodeXml(b, part, file) : null;
  };

  const rootRels = relationships(xmlPart('_rels/.rels'));
  const mainTarget = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target;
  const main = mainTarget ? resolvePart('', mainTarget) : read('word/document.xml') ? 'word/document.xml' : null;
  if (!main) {
    if (zip.entries.has('mimetype')) throw new IngestError('unsupported', file, '这是 OpenDocument 文档（如 .odt），不是 Word 文档；请用办公软件另存为 .docx 后再导入');
    throw new IngestError('unsupported', file, '这个 ZIP 压缩包不是 Word 文档（.docx），找不到文档正文');
  }
  if (main.startsWith('xl/')) throw new IngestError('unsupported', file, '这是 Excel 表格（.xlsx），不是 Word 文档；暂不支持读取表格文件');
  if (main.startsWith('ppt/')) throw new IngestError('unsupported', file, '这是 PowerPoint 演示文稿（.pptx），不是 Word 文档');
  const document = xmlPart(main);
  if (document === null) throw new IngestError('corrupt', file, `Word 文档（.docx）已损坏：缺少正文部件 ${main}`);

  const base = main.slice(0, main.lastIndexOf('/') + 1);
  const docRels = relationships(xmlPart(relsPath(main)));
  const target = (re: RegExp, fallback: string): string => {
    const r = docRels.find((x) => re.test(x.type));
    return r ? resolvePart(base, r.target) : base + fallback;
  };
  const corePart = rootRels.find((r) => REL_CORE.test(r.type));
  return {
    document,
    numbering: xmlPart(target(REL_NUMBERING, 'numbering.xml')),
    styles: xmlPart(target(REL_STYLES, 'styles.xml')),
    core: xmlPart(corePart ? resolvePart('', corePart.target) : 'docProps/core.xml'),
    media: [...zip.entries.keys()].filter((n) => n.startsWith(base + 'media/')).length,
  };
}

function relationships(xml: XmlPart | null): Relationship[] {
  const out: Relationship[] = [];
  if (!xml) return out;
  parseXml(xml, {
    open(name, a) {
      if (name.endsWith('Relationship') && a.Type && a.Target && a.TargetMode !== 'External') out.push({ type: a.Type, target: a.Target });
    },
    close() {},
  });
  return out;
}

// The ingest stage: bytes → a source document (paragraphs and tables), by the kind detected from
// the content. Interchange JSON is recognised here too and passed through as a report.

import { IngestError } from './errors.ts';
import { detectKind, KIND_NAMES } from './detect.ts';
import { LIMITS, formatBytes, tooLarge } from './limits.ts';
import { READERS } from './readers.ts';
import { tooManyLines } from './text.ts';
import { endOfCentralDirectory } from './docx/zip.ts';
import type { SourceDocument } from './types.ts';
import type { Report } from '../interchange/types.ts';

export { detectKind } from './detect.ts';
export { decodeText } from './decode.ts';
export { readText } from './text.ts';

export interface ReadResult {
  document?: SourceDocument;
  /** Set when the input already is an interchange report (JSON). */
  report?: Report;
}

/** Bytes → source document. Throws IngestError with a Chinese message when it cannot. */
export async function ingest(bytes: Uint8Array, name: string): Promise<SourceDocument> {
  const r = await readInput(bytes, name);
  if (!r.document) throw new IngestError('unsupported', name, '这是 Gongkai 交换格式（JSON），不是待解析的原始报告');
  return r.document;
}

export async function readInput(bytes: Uint8Array, name: string): Promise<ReadResult> {
  if (bytes.length === 0) throw new IngestError('empty', name, '文件是空的（0 字节）');
  if (bytes.length > LIMITS.maxInputBytes) throw tooLarge(name, LIMITS.maxInputBytes, bytes.length);
  const kind = detectKind(bytes);
  const reader = READERS[kind];
  if (reader) return { document: bounded(await (await reader())(bytes, name)) };
  switch (kind) {
    case 'json':
      return { report: await readInterchange(bytes, name) };
    case 'image':
      throw new IngestError('scanned', name, '这是一张图片，需要先做文字识别（OCR）才能读取');
    case 'zip':
      // A Word package cut off early shows no part name yet: without its directory it is a damaged file, whatever it was.
      if (endOfCentralDirectory(bytes) < 0) {
        throw new IngestError('corrupt', name, '文件不完整：这是一个 ZIP 格式的文件（Word .docx 也是），但末尾的目录缺失，可能在下载或复制时被截断');
      }
      throw new IngestError('unsupported', name, '这是一个 ZIP 压缩包，不是年度报告文档；请解压后分别导入其中的文件');
    default:
      throw new IngestError('unsupported', name, `暂不支持读取${KIND_NAMES[kind]}；支持的输入：${supportedKinds()}`);
  }
}

/** A document with more paragraphs and table cells than the parser is given (LIMITS.maxLines) is refused. */
function bounded(doc: SourceDocument): SourceDocument {
  let n = 0;
  for (const b of doc.blocks) n += b.type === 'paragraph' ? 1 : b.rows.reduce((k, r) => k + r.length, 0);
  if (n > LIMITS.maxLines) throw tooManyLines(doc.name, KIND_NAMES[doc.kind]);
  return doc;
}

function supportedKinds(): string {
  return [...Object.keys(READERS), 'json'].map((k) => KIND_NAMES[k as keyof typeof KIND_NAMES]).join('、');
}

async function readInterchange(bytes: Uint8Array, name: string): Promise<Report> {
  if (bytes.length > LIMITS.maxTextBytes) throw new IngestError('too_large', name, `JSON 文件过大（${formatBytes(bytes.length)}）`);
  let data: unknown;
  const text = new TextDecoder().decode(bytes);
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new IngestError('corrupt', name, `JSON 格式有误：${jsonSyntaxProblem(text, e)}`);
  }
  // The schema validator is loaded for interchange JSON only: text and documents start without it.
  const { validateReport } = await import('../interchange/validate.ts');
  const problems = validateReport(data);
  if (problems.length) throw new IngestError('corrupt', name, `不是有效的 gongkai.report/1 报告：${problems.slice(0, 3).join('；')}`);
  return data as Report;
}

/** Where a JSON text stops being JSON, in Chinese (the engine's message is English). */
function jsonSyntaxProblem(text: string, e: unknown): string {
  const message = (e as Error)?.message ?? '';
  if (/end of (JSON )?input/i.test(message)) return '文件在中途结束（不完整，可能被截断）';
  if (e instanceof RangeError) return '嵌套层数过多';
  const at = /position (\d+)/.exec(message);
  if (!at) return '不是有效的 JSON';
  const pos = Number(at[1]);
  if (pos >= text.trimEnd().length - 1 || /Unterminated/i.test(message)) return '文件在中途结束（不完整，可能被截断）';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `第 ${line} 行第 ${pos - lineStart + 1} 列附近有语法错误`;
}

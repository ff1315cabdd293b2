// Text reader: decoded text → one paragraph block per line (tabs and spacing kept).

import { createHash } from 'node:crypto';
import { IngestError } from './errors.ts';
import { decodeText, garbageRatio } from './decode.ts';
import { LIMITS, formatBytes } from './limits.ts';
import type { Block, SourceDocument } from './types.ts';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** More lines than LIMITS.maxLines. */
export class TooManyLines extends Error {}

/** The Chinese refusal of an input with more lines or paragraphs than LIMITS.maxLines. */
export function tooManyLines(name: string, what = '文本'): IngestError {
  return new IngestError('too_large', name, `${what}超过 ${LIMITS.maxLines.toLocaleString('en-US')} 行（段落），不像是一份年度报告（一份报告通常只有几千行）`);
}

// A line ends at CR LF, CR or LF.
const LINE_END = /\r\n|\r|\n/;

/** Split text into paragraph blocks, one per line, numbered from 1. Throws TooManyLines. */
export function linesToBlocks(text: string): Block[] {
  // Split natively (the size limit on the input bounds the array), then refuse too many lines.
  const lines = text.split(LINE_END);
  if (lines.length > LIMITS.maxLines) throw new TooManyLines();
  const blocks = new Array<Block>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i];
    blocks[i] = { type: 'paragraph', text: t.length > LIMITS.maxLineChars ? t.slice(0, LIMITS.maxLineChars) : t, line: i + 1 };
  }
  return blocks;
}

/** A document from text already decoded (the library's parseText): no bytes to sniff. */
export function textDocument(text: string, name: string): SourceDocument {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > LIMITS.maxTextBytes) {
    throw new IngestError('too_large', name, `文本过大（${formatBytes(size)}），超过 ${formatBytes(LIMITS.maxTextBytes)} 的上限；一份年度报告的文本通常不超过 200 KB`);
  }
  if (text.trim() === '') throw new IngestError('empty', name, '文本是空的，没有可读的文字');
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { name, kind: 'text', sha256: createHash('sha256').update(text, 'utf8').digest('hex'), size, encoding: 'utf-8', blocks: blocksOf(clean, name) };
}

export function readText(bytes: Uint8Array, name: string): SourceDocument {
  if (bytes.length > LIMITS.maxTextBytes) {
    throw new IngestError('too_large', name, `文本过大（${formatBytes(bytes.length)}），超过 ${formatBytes(LIMITS.maxTextBytes)} 的上限；一份年度报告的文本通常不超过 200 KB`);
  }
  const { text, encoding, mixed } = decodeText(bytes);
  if (text.trim() === '') throw new IngestError('empty', name, '文件是空的，没有可读的文字');
  if (garbageRatio(text) > 0.1) {
    throw new IngestError('binary', name, '文件内容不是文字（像是二进制数据或编码无法识别），无法作为年度报告读取');
  }
  return { name, kind: 'text', sha256: sha256(bytes), size: bytes.length, encoding, ...(mixed ? { mixed } : {}), blocks: blocksOf(text, name) };
}

function blocksOf(text: string, name: string): Block[] {
  try {
    return linesToBlocks(text);
  } catch (e) {
    throw e instanceof TooManyLines ? tooManyLines(name) : e;
  }
}

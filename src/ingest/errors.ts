// Errors of the ingest stage: an input that cannot be read at all. Messages are Chinese and
// name the file; the CLI prints them on one line and goes on with the other files.

export type IngestErrorCode =
  | 'empty'
  | 'too_large'
  | 'binary'
  | 'unsupported'
  | 'no_report'
  | 'encrypted'
  | 'scanned'
  | 'corrupt'
  | 'unreadable';

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly file: string;
  constructor(code: IngestErrorCode, file: string, detail: string) {
    super(`${file}：${detail}`);
    this.name = 'IngestError';
    this.code = code;
    this.file = file;
  }
}

// Resource bounds for reading an untrusted PDF. An annual report is 3–20 pages of text and tables.

export const PDF_LIMITS = {
  /** More pages than this is not an annual report (or is a hostile file): refuse before reading pages. */
  maxPages: 200,
  /**
   * Wall-clock budget for one document; past it the document is abandoned and refused. Below the
   * 20 s within which any one input must be answered (the program starts and checks first).
   */
  timeBudgetMs: 15_000,
  /** Heap of the worker thread that reads PDFs (a report needs well under 200 MB). */
  maxHeapMb: 512,
  /**
   * Growth of the process's resident memory while one PDF is read, watched from the main thread:
   * pdf.js unpacks into typed arrays, which the heap cap does not count. Past this the reading stops.
   */
  maxRssGrowthMb: 512,
  /** How often the memory is looked at while a PDF is read. */
  memoryWatchMs: 25,
  /** Images are never needed: anything above this many pixels is skipped, not decoded. */
  maxImagePixels: 1,
  /** Text runs per page beyond which the rest of the page's text is ignored (a real page has a few hundred). */
  maxRunsPerPage: 50_000,
  /** Unpacked size of one page content stream (a real page draws with tens of kilobytes). */
  maxContentStreamBytes: 2 * 1024 * 1024,
  /** Unpacked size of all content streams of a document. */
  maxContentBytes: 24 * 1024 * 1024,
  /** Unpacked size of any other stream (a font program, an object stream; a full CJK font is 10–20 MB). */
  maxStreamBytes: 48 * 1024 * 1024,
  /** Unpacked size of all streams but images together. */
  maxUnpackedBytes: 160 * 1024 * 1024,
  /** Path operations per page beyond which no more ruling lines are taken. */
  maxPathOpsPerPage: 200_000,
};

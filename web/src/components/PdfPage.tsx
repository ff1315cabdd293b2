// A PDF original's page drawn by pdf.js (loaded only here), with the box of the selected
// cell's printed text highlighted: the text items of that page that read as the cell's raw text.

import { useEffect, useRef, useState } from 'react';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { Provenance } from '../types.ts';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export default function PdfPage({ url, target, page: fallbackPage }: { url: string; target: Provenance | null; page: number | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [boxes, setBoxes] = useState<Box[]>([]);
  const pageNo = target?.page ?? fallbackPage ?? 1;

  useEffect(() => {
    const task = pdfjs.getDocument({ url, isEvalSupported: false, cMapUrl: '/pdfjs/cmaps/', cMapPacked: true, standardFontDataUrl: '/pdfjs/standard_fonts/', withCredentials: true });
    task.promise.then(setDoc, (e: unknown) => setError(`无法显示 PDF 原件：${String(e)}`));
    return () => void task.destroy();
  }, [url]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let live = true;
    void (async () => {
      const page = await doc.getPage(Math.min(Math.max(1, pageNo), doc.numPages));
      const viewport = page.getViewport({ scale: 1.3 });
      const c = canvas.current;
      if (!c || !live) return;
      c.width = viewport.width;
      c.height = viewport.height;
      await page.render({ canvas: c, viewport }).promise;
      const raw = target?.raw?.replace(/\s+/g, '');
      if (!raw) return setBoxes([]);
      const text = await page.getTextContent();
      const found: Box[] = [];
      for (const item of text.items) {
        if (!('str' in item) || item.str.replace(/\s+/g, '') !== raw) continue;
        const [x, y] = viewport.convertToViewportPoint(item.transform[4] as number, item.transform[5] as number) as [number, number];
        const h = item.height * viewport.scale;
        found.push({ left: x - 2, top: y - h - 2, width: item.width * viewport.scale + 4, height: h + 4 });
      }
      if (live) setBoxes(found);
    })().catch((e: unknown) => live && setError(`无法显示 PDF 原件：${String(e)}`));
    return () => {
      live = false;
    };
  }, [doc, pageNo, target]);

  if (error) return <p role="alert">{error}</p>;
  return (
    <div>
      <p>
        第 {pageNo} 页{doc ? ` / 共 ${doc.numPages} 页` : ''}
        {target?.raw && (boxes.length ? `；已标出“${target.raw}”${boxes.length > 1 ? `（本页有 ${boxes.length} 处相同文字）` : ''}` : `；本页未找到“${target.raw}”的文字位置`)}
      </p>
      <div className="pdf-page">
        <canvas ref={canvas} aria-label={`PDF 原件第 ${pageNo} 页`} role="img" />
        {boxes.map((b, i) => (
          <div key={i} className="pdf-box" style={{ left: b.left, top: b.top, width: b.width, height: b.height }} />
        ))}
      </div>
    </div>
  );
}

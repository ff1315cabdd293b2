// Page geometry shared by the PDF layers. All coordinates are in PDF points on the displayed page
// (rotation and media box applied), x to the right and y DOWN from the top edge, like pdfplumber.

/** An affine matrix [a, b, c, d, e, f] as in PDF: (x, y) → (a·x + c·y + e, b·x + d·y + f). */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 applied after m2 (the PDF `cm` operator: CTM' = m2 × CTM, written here as multiply(CTM, m2)). */
export function multiply(m1: Matrix | number[], m2: Matrix | number[]): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function apply(m: Matrix | number[], x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Overlap length of [a0, a1] and [b0, b1] (0 when disjoint). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

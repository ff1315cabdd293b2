// Property modifiers (Sprm, [MS-DOC] 2.6): a 16-bit code whose top bits give the operand size,
// followed by the operand. A grpprl is a run of them.

export const SPRM = {
  // paragraph
  pIlvl: 0x260a,
  pIlfo: 0x460b,
  pFInTable: 0x2416,
  pFTtp: 0x2417,
  pItap: 0x6649,
  pFInnerTableCell: 0x244b,
  pFInnerTtp: 0x244c,
  pHugePapx: 0x6646,
  pChgTabs: 0xc615,
  // table (in the paragraph properties of a row's end mark)
  tDefTable: 0xd608,
  tVertMerge: 0xd62b,
  // character
  cFRMarkDel: 0x0800,
  cFVanish: 0x083c,
} as const;

/**
 * Call `visit(sprm, operandOffset, operandLength)` for each sprm of `g` in [start, end).
 * Stops at the first sprm that would run past `end`.
 */
export function eachSprm(g: DataView, start: number, end: number, visit: (sprm: number, at: number, len: number) => void): void {
  let p = start;
  while (p + 2 <= end) {
    const sprm = g.getUint16(p, true);
    const at = p + 2;
    let len: number;
    switch (sprm >> 13) {
      case 0:
      case 1:
        len = 1;
        break;
      case 2:
      case 4:
      case 5:
        len = 2;
        break;
      case 3:
        len = 4;
        break;
      case 7:
        len = 3;
        break;
      default: // 6: variable
        if (at >= end) return;
        if (sprm === SPRM.tDefTable) {
          if (at + 2 > end) return;
          len = g.getUint16(at, true) + 1;
        } else if (sprm === SPRM.pChgTabs && g.getUint8(at) === 255) {
          // PChgTabsOperand with cb 255: deletions (4 bytes each) and additions (3 bytes each).
          const del = g.getUint8(at + 1);
          const add = g.getUint8(at + 2 + del * 4);
          len = 1 + 1 + del * 4 + 1 + add * 3;
        } else len = g.getUint8(at) + 1;
    }
    if (at + len > end) return;
    visit(sprm, at, len);
    p = at + len;
  }
}

/** A toggle operand (ToggleOperand): on for 1 and for 0x81 (the opposite of an off style). */
export function toggleOn(v: number): boolean {
  return v === 1 || v === 0x81;
}

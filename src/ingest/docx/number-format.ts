// Word's list number formats (w:numFmt): a counter value → the text Word shows for it.

const CN_DIGITS = '〇一二三四五六七八九';
const CN_UNITS = ['', '十', '百', '千'];
const LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const LEGAL_UNITS = ['', '拾', '佰', '仟'];
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const DIZHI = '子丑寅卯辰巳午未申酉戌亥';

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一 (counting style, below 10000). */
function counting(n: number, digits: string, units: string[], zero: string, dropLeadingOne: boolean): string {
  if (n <= 0 || n >= 10000) return String(n);
  const ds = String(n);
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < ds.length; i++) {
    const d = ds.charCodeAt(i) - 48;
    const pos = ds.length - 1 - i;
    if (d === 0) {
      pendingZero = true;
      continue;
    }
    if (pendingZero && out) out += zero;
    pendingZero = false;
    out += (dropLeadingOne && d === 1 && pos === 1 && i === 0 ? '' : digits[d]) + units[pos];
  }
  return out;
}

function letters(n: number, upper: boolean): string {
  // Word repeats the letter (AA, AAA …); a start value in the millions from a damaged file would
  // repeat it millions of times on every paragraph: past 30 rounds the number is shown as it is.
  if (n <= 0 || n > 26 * 30) return String(n);
  const ch = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return ch.repeat(Math.ceil(n / 26));
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

function enclosed(n: number, first: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(first + n - 1) : String(n);
}

/** The text of counter value `n` in Word number format `fmt`; unknown formats fall back to decimal. */
export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'none':
    case 'bullet':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return counting(n, CN_DIGITS, CN_UNITS, '零', true);
    case 'chineseLegalSimplified':
      return counting(n, LEGAL_DIGITS, LEGAL_UNITS, '零', false);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n).replace(/[0-9]/g, (d) => CN_DIGITS[Number(d)]);
    case 'ideographTraditional':
      return n >= 1 ? TIANGAN[(n - 1) % 10] : String(n);
    case 'ideographZodiac':
      return n >= 1 ? DIZHI[(n - 1) % 12] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 0x2460);
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 10 ? String.fromCodePoint(0x3280 + n - 1) : String(n); // ㊀ ㊁
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474);
    default:
      return String(n);
  }
}

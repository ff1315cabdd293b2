// Web page furniture that survives copying a report out of a portal page: view counters, font
// size switches, print/close links, breadcrumbs, the 发布时间/来源 line. Not narrative.

const CHROME: RegExp[] = [
  /(浏览次数|阅读次数|点击数|点击量|访问量|浏览量)\s*[:：]/,
  /字体\s*[:：]?\s*[[【]\s*(?:[大中小]\s*)*[\]】]/,
  /^[[【]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|返回|分享到|收藏本页|收藏)\s*[\]】]?(?:\s+[[【]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|返回|分享到|收藏本页|收藏)\s*[\]】]?)*$/,
  /^(?:首页|当前位置|您现在的位置|您的位置)\s*[:：>›»/]/,
  /^(?:发布时间|发布日期|发文日期|成文日期|信息来源|来源|作者|责任编辑)\s*[:：]\S.{0,60}$/,
];

/** Is this (trimmed) line page furniture rather than report text? */
export function isPageChrome(line: string): boolean {
  if (line.length > 80) return false;
  for (const re of CHROME) if (re.test(line)) return true;
  return false;
}

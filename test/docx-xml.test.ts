// The tag scanner for Word's XML parts: what it must get right on machine-written XML and on the
// legal corners (quotes holding '>', single quotes, CDATA, comments, entities, other prefixes).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeXml, parseXml, type Attrs } from '../src/ingest/docx/xml.ts';
import { IngestError } from '../src/ingest/errors.ts';

function events(xml: string, attrsOf?: string[], opaque?: string[]): string[] {
  const out: string[] = [];
  parseXml(decodeXml(new TextEncoder().encode(xml), 'word/document.xml', 't.docx'), {
    attrsOf: attrsOf ? new Set(attrsOf) : undefined,
    opaque: opaque ? new Set(opaque) : undefined,
    open: (name: string, a: Attrs) => out.push(`<${name}${Object.entries(a).map(([k, v]) => ` ${k}=${v}`).join('')}>`),
    close: (name: string) => out.push(`</${name}>`),
    text: (t: string) => out.push(t),
  });
  return out;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('Word XML 扫描', () => {
  it('元素、自闭合元素、文本与属性', () => {
    assert.deepEqual(events(`<?xml version="1.0"?><w:document ${W}><w:p><w:r><w:t xml:space="preserve">予以公开 7</w:t></w:r><w:br/></w:p></w:document>`, ['w:t']), [
      `<w:document xmlns:w=http://schemas.openxmlformats.org/wordprocessingml/2006/main>`,
      '<w:p>', '<w:r>', '<w:t xml:space=preserve>', '予以公开 7', '</w:t>', '</w:r>', '<w:br>', '</w:br>', '</w:p>', '</w:document>',
    ]);
  });

  it('属性值里的 > 和单引号、实体与字符引用', () => {
    const ev = events(`<w:document ${W}><w:tc w:a="x>y" w:b='1'/><w:t>&lt;3&gt; &amp; &#20013;&#x6587;</w:t></w:document>`, ['w:tc']);
    assert.ok(ev.includes('<w:tc w:a=x>y w:b=1>'), ev.join(' '));
    assert.ok(ev.includes('<3> & 中文'));
  });

  it('注释、CDATA、处理指令', () => {
    const ev = events(`<w:document ${W}><!-- <w:p> --><w:t><![CDATA[a<b]]></w:t><?mso x?></w:document>`);
    assert.deepEqual(ev.slice(1), ['<w:t>', 'a<b', '</w:t>', '</w:document>']);
  });

  it('别的命名空间前缀统一为 w:', () => {
    const ev = events(`<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:p><x:t x:space="1">字</x:t></x:p></x:document>`, ['w:t']);
    assert.deepEqual(ev.slice(1, 5), ['<w:p>', '<w:t w:space=1>', '字', '</w:t>']);
  });

  it('不读内容的元素整体跳过；含有同名元素（修订记录）时照常逐个读', () => {
    const borders = `<w:tc><w:tcPr><w:tcBorders><w:top w:val="single"/><w:left/></w:tcBorders></w:tcPr><w:p><w:t>7</w:t></w:p></w:tc>`;
    assert.deepEqual(events(`<w:document ${W}>${borders}</w:document>`, [], ['w:tcBorders']).slice(1), [
      '<w:tc>', '<w:tcPr>', '<w:tcBorders>', '</w:tcBorders>', '</w:tcPr>', '<w:p>', '<w:t>', '7', '</w:t>', '</w:p>', '</w:tc>', '</w:document>',
    ]);
    const nested = `<w:tblPr><w:tblW/><w:tblPrChange><w:tblPr><w:jc/></w:tblPr></w:tblPrChange></w:tblPr><w:tr/>`;
    assert.deepEqual(events(`<w:document ${W}>${nested}</w:document>`, [], ['w:tblPr']).slice(1), [
      '<w:tblPr>', '<w:tblW>', '</w:tblW>', '<w:tblPrChange>', '<w:tblPr>', '</w:tblPr>', '</w:tblPrChange>', '</w:tblPr>', '<w:tr>', '</w:tr>', '</w:document>',
    ]);
  });

  it('DTD 与实体声明被拒绝（实体膨胀）', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><w:document ${W}>&lol2;</w:document>`;
    assert.throws(() => events(bomb), (e: unknown) => e instanceof IngestError && /实体/.test(e.message));
  });

  it('残缺的 XML 不会死循环也不抛异常', () => {
    for (const bad of [`<w:document ${W}><w:p`, `<w:document ${W}><w:t a="unclosed>x</w:t>`, '<<<>>>', '<!--', '<![CDATA[', '<?x']) {
      assert.doesNotThrow(() => events(bad));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { SvgRefusedError, sanitiseSvg } from '@/lib/branding/sanitise-svg';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const svg = (inner: string, attributes = '') => `<svg ${NS}${attributes}>${inner}</svg>`;

describe('SVG sanitiser: CSS that could fetch', () => {
  // None of these uses url(...), so only the list of fetching at-rules and functions catches them.
  it.each([
    ['@import with a string', '@import "https://evil.test/x.css";'],
    ['@IMPORT in capitals', '@IMPORT "https://evil.test/x.css";'],
    ['@font-face', '@font-face{font-family:x;src:local(Arial)}'],
    ['@namespace', '@namespace svg "https://evil.test/ns";'],
    ['image-set()', 'rect{fill:image-set("https://evil.test/a.png" 1x)}'],
    ['image()', 'rect{fill:image("https://evil.test/a.png")}'],
    ['cross-fade()', 'rect{fill:cross-fade("a.png","b.png")}'],
    ['element()', 'rect{fill:element(#other)}'],
    ['expression()', 'rect{width:expression(alert(1))}'],
    ['image-set with a space', 'rect{fill:image-set ("a.png" 1x)}'],
    ['a CSS escape', 'rect{fill:u\\72l(https://evil.test/a.png)}'],
    ['a closing tag', 'rect{fill:red}</style><script>alert(1)</script>'],
  ])('drops a <style> with %s', (_what, css) => {
    const result = sanitiseSvg(svg(`<style><![CDATA[${css}]]></style><rect width="1"/>`));
    expect(result.svg).toBe(`<svg ${NS}><style></style><rect width="1"></rect></svg>`);
    expect(result.removed).toEqual(['external reference in style']);
  });

  it('drops a style attribute with @import', () => {
    const result = sanitiseSvg(svg(`<rect style="@import 'https://evil.test/x.css'" width="1"/>`));
    expect(result.svg).toBe(`<svg ${NS}><rect width="1"></rect></svg>`);
    expect(result.removed).toEqual(['external reference in style']);
  });

  it('drops other attributes that fetch, naming them as external references', () => {
    const result = sanitiseSvg(
      svg(`<rect fill="url(https://evil.test/p.svg#p)" mask="url( #m )" width="1"/>`),
    );
    expect(result.svg).toBe(`<svg ${NS}><rect mask="url( #m )" width="1"></rect></svg>`);
    expect(result.removed).toEqual(['external reference']);
  });

  it('keeps CSS that only names ids in the same file', () => {
    for (const css of [
      'rect{fill:url(#g)}',
      "rect{fill:url('#g')}",
      'rect{fill:URL ( "#g.a:b-c" )}',
      'rect{fill:red}',
    ]) {
      const result = sanitiseSvg(svg(`<style>${css}</style>`));
      expect(result.removed).toEqual([]);
      expect(result.svg).toBe(
        `<svg ${NS}><style>${css.replace(/'/g, '&#39;').replace(/"/g, '&quot;')}</style></svg>`,
      );
    }
  });

  it('drops url() with anything but a local id', () => {
    for (const css of [
      'rect{fill:url(#g) url(x.svg#g)}',
      'rect{fill:url(#)}',
      'rect{fill:url(#g x)}',
      'rect{fill:url(data:x)}',
    ]) {
      expect(sanitiseSvg(svg(`<style>${css}</style>`)).removed).toEqual(['external reference in style']);
    }
  });
});

describe('SVG sanitiser: elements, attributes and references', () => {
  it('rebuilds the allowed drawing exactly, escaping text', () => {
    const result = sanitiseSvg(
      svg(
        '<g id="a" class="b"><title>A &amp; B &lt;3</title><path d="M0 0h1" fill-rule="evenodd"/></g>',
        ' viewBox="0 0 1 1"',
      ),
    );
    expect(result).toEqual({
      svg: `<svg ${NS} viewBox="0 0 1 1"><g id="a" class="b"><title>A &amp; B &lt;3</title><path d="M0 0h1" fill-rule="evenodd"></path></g></svg>`,
      removed: [],
    });
  });

  it('drops attributes outside the list and namespaced attributes, naming each', () => {
    const result = sanitiseSvg(
      svg(
        '<rect data-x="1" width="1" xml:space="preserve" onmouseover="x()"/>',
        ' xmlns:foo="urn:foo" foo:bar="1"',
      ),
    );
    expect(result.svg).toBe(`<svg ${NS}><rect width="1"></rect></svg>`);
    expect(result.removed).toEqual([
      'attribute data-x',
      'attribute foo:bar',
      'attribute onmouseover',
      'attribute xml:space',
    ]);
  });

  it('keeps a plain href to a local id without declaring xlink', () => {
    const result = sanitiseSvg(svg('<defs><path id="p" d="M0 0"/></defs><use href=" #p "/>'));
    expect(result.svg).toBe(
      `<svg ${NS}><defs><path id="p" d="M0 0"></path></defs><use href="#p"></use></svg>`,
    );
    expect(result.removed).toEqual([]);
  });

  it('drops hrefs that leave the file', () => {
    for (const href of ['https://evil.test/a.svg#p', '#p x', 'a#p', '#', 'data:image/svg+xml,<svg/>']) {
      const result = sanitiseSvg(svg(`<use href="${href.replace(/</g, '&lt;')}"/>`));
      expect(result.svg).toBe(`<svg ${NS}><use></use></svg>`);
      expect(result.removed).toEqual(['external reference']);
    }
  });

  it('drops elements of another namespace or outside the list, with their children', () => {
    const result = sanitiseSvg(
      svg('<h:div xmlns:h="http://www.w3.org/1999/xhtml"><rect/></h:div><animate/><g><circle r="1"/></g>'),
    );
    expect(result.svg).toBe(`<svg ${NS}><g><circle r="1"></circle></g></svg>`);
    expect(result.removed).toEqual(['element <animate>', 'element <h:div>']);
  });

  it('drops comments silently and reports processing instructions', () => {
    const result = sanitiseSvg(svg('<!-- note --><?foo bar?><rect/>'));
    expect(result.svg).toBe(`<svg ${NS}><rect></rect></svg>`);
    expect(result.removed).toEqual(['processing instruction']);
  });

  it('accepts an svg root without a namespace and adds it', () => {
    expect(sanitiseSvg('<svg><rect/></svg>')).toEqual({ svg: `<svg ${NS}><rect></rect></svg>`, removed: [] });
  });

  it.each([
    ['an svg root in another namespace', '<svg xmlns="http://www.w3.org/1999/xhtml"><rect/></svg>'],
    ['a DOCTYPE without entities', `<!doctype svg><svg ${NS}/>`],
    ['an ENTITY on its own', `<svg ${NS}><!ENTITY x "y"></svg>`],
    ['not XML at all', 'hello'],
    ['an empty file', ''],
  ])('refuses %s', (_what, source) => {
    expect(() => sanitiseSvg(source)).toThrow(SvgRefusedError);
  });

  it('says why it refuses a root that is not <svg>', () => {
    expect(() => sanitiseSvg('<g/>')).toThrow('must have <svg> as its root element');
    expect(() => sanitiseSvg(`<!DOCTYPE svg><svg ${NS}/>`)).toThrow('must not contain a DOCTYPE or ENTITY');
    expect(() => sanitiseSvg('<svg><rect></svg>')).toThrow('is not a well-formed SVG file');
  });
});

describe('SVG sanitiser: names, namespaces and text', () => {
  it('drops url () with a space before the parenthesis when it leaves the file', () => {
    const result = sanitiseSvg(svg('<style>rect{fill:url (https://evil.test/a.png)}</style>'));
    expect(result.removed).toEqual(['external reference in style']);
  });

  it('keeps a reference to a longer id', () => {
    const result = sanitiseSvg(svg('<use href="#logo-mark.v2"/>'));
    expect(result.svg).toBe(`<svg ${NS}><use href="#logo-mark.v2"></use></svg>`);
  });

  it('treats href in a foreign namespace as a foreign attribute', () => {
    const result = sanitiseSvg(svg('<use xmlns:foo="urn:foo" foo:href="#p"/>'));
    expect(result.svg).toBe(`<svg ${NS}><use></use></svg>`);
    expect(result.removed).toEqual(['attribute foo:href']);
  });

  it('reads prefixed SVG elements by their local name', () => {
    const result = sanitiseSvg('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:rect width="1"/></s:svg>');
    expect(result).toEqual({ svg: `<svg ${NS}><rect width="1"></rect></svg>`, removed: [] });
  });

  it('checks only style text for fetching CSS', () => {
    const result = sanitiseSvg(svg('<title>@import and url(x)</title>'));
    expect(result).toEqual({ svg: `<svg ${NS}><title>@import and url(x)</title></svg>`, removed: [] });
  });

  it('drops a comment without reporting anything', () => {
    expect(sanitiseSvg(svg('<!-- made with a tool --><rect/>'))).toEqual({
      svg: `<svg ${NS}><rect></rect></svg>`,
      removed: [],
    });
  });
});

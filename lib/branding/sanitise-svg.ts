import { DOMParser } from '@xmldom/xmldom';
import type { Element, Node } from '@xmldom/xmldom';
import { escapeHtml } from '@/lib/security/escape-html';

/**
 * A strict allow-list for uploaded SVG logos. The output is rebuilt from scratch (never the input
 * re-serialised), so only the elements and attributes named here can reach a browser: no scripts,
 * event handlers, foreignObject, animation, links, embedded images, or references to anything but
 * an id inside the same file.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

// Space-separated so the lists read as lists.
const ELEMENTS = new Set(
  (
    'svg g defs title desc symbol use path rect circle ellipse line polyline polygon text tspan ' +
    'linearGradient radialGradient stop clipPath mask pattern style'
  ).split(' '),
);

const ATTRIBUTES = new Set(
  (
    'id class viewBox width height x y x1 x2 y1 y2 cx cy r rx ry fx fy d points dx dy fill fill-opacity ' +
    'fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray ' +
    'stroke-dashoffset stroke-opacity opacity transform gradientUnits gradientTransform spreadMethod ' +
    'offset stop-color stop-opacity clip-path clip-rule clipPathUnits mask maskUnits maskContentUnits ' +
    'patternUnits patternContentUnits patternTransform preserveAspectRatio font-family font-size ' +
    'font-weight font-style text-anchor dominant-baseline letter-spacing textLength lengthAdjust ' +
    'visibility display color vector-effect shape-rendering paint-order version role aria-label ' +
    'aria-hidden style href'
  ).split(' '),
);

/** Functions that fetch or embed something in CSS, and at-rules that load more CSS or fonts. */
const CSS_FETCHES =
  /(@import|@font-face|@namespace|image-set\s*\(|image\s*\(|cross-fade\s*\(|element\s*\(|expression\s*\()/i;

export class SvgRefusedError extends Error {}

export type SanitisedSvg = { svg: string; removed: string[] };

/** True when every url(...) points at an id in this file (url(#id)) and nothing else can fetch. */
function isLocalOnly(value: string): boolean {
  if (value.includes('\\') || CSS_FETCHES.test(value) || /<\//.test(value)) return false;
  const urls = value.match(/url\s*\(([^)]*)\)/gi) ?? [];
  return urls.every((url) => /^url\s*\(\s*['"]?#[\w.:-]+['"]?\s*\)$/i.test(url));
}

function isSvgElement(node: Element): boolean {
  return node.namespaceURI === SVG_NS || node.namespaceURI === null;
}

type Walk = { removed: Set<string>; usesXlink: boolean };

function attributesOf(element: Element, walk: Walk): string {
  let out = '';
  for (let i = 0; i < element.attributes.length; i += 1) {
    const attribute = element.attributes.item(i);
    if (!attribute) continue;
    const { localName, namespaceURI, value } = attribute;
    const name = localName ?? attribute.name;
    if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
    const isHref = name === 'href' && (namespaceURI === null || namespaceURI === XLINK_NS);
    if (namespaceURI !== null && !isHref) {
      walk.removed.add(`attribute ${attribute.name}`);
      continue;
    }
    if (!ATTRIBUTES.has(name)) {
      walk.removed.add(`attribute ${name}`);
      continue;
    }
    if (isHref) {
      if (!/^#[\w.:-]+$/.test(value.trim())) {
        walk.removed.add('external reference');
        continue;
      }
      if (namespaceURI === XLINK_NS) walk.usesXlink = true;
      out += ` ${namespaceURI === XLINK_NS ? 'xlink:href' : 'href'}="${escapeHtml(value.trim())}"`;
      continue;
    }
    if (!isLocalOnly(value)) {
      walk.removed.add(name === 'style' ? 'external reference in style' : 'external reference');
      continue;
    }
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

function rebuild(node: Node, walk: Walk, parentName: string): string {
  if (node.nodeType === node.TEXT_NODE || node.nodeType === node.CDATA_SECTION_NODE) {
    const text = node.nodeValue ?? '';
    if (parentName === 'style' && !isLocalOnly(text)) {
      walk.removed.add('external reference in style');
      return '';
    }
    return escapeHtml(text);
  }
  if (node.nodeType !== node.ELEMENT_NODE) {
    if (node.nodeType !== node.COMMENT_NODE) walk.removed.add('processing instruction');
    return '';
  }
  const element = node as Element;
  const name = element.localName ?? element.nodeName;
  if (!isSvgElement(element) || !ELEMENTS.has(name)) {
    walk.removed.add(`element <${element.nodeName}>`);
    return '';
  }
  let children = '';
  for (let i = 0; i < element.childNodes.length; i += 1) {
    const child = element.childNodes.item(i);
    if (child) children += rebuild(child, walk, name);
  }
  return `<${name}${attributesOf(element, walk)}>${children}</${name}>`;
}

/** Parses an SVG and rebuilds it from the allow-list; refuses what is not a well-formed SVG document. */
export function sanitiseSvg(source: string): SanitisedSvg {
  // A DTD can declare entities (billion laughs, external files); a logo never needs one.
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) throw new SvgRefusedError('must not contain a DOCTYPE or ENTITY');
  let root: Element | null;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new SvgRefusedError(message);
      },
    }).parseFromString(source, 'application/xml');
    root = document.documentElement;
  } catch {
    throw new SvgRefusedError('is not a well-formed SVG file');
  }
  if (!root || (root.localName ?? root.nodeName) !== 'svg' || !isSvgElement(root)) {
    throw new SvgRefusedError('must have <svg> as its root element');
  }
  const walk: Walk = { removed: new Set(), usesXlink: false };
  const inner = rebuild(root, walk, '');
  const namespaces = ` xmlns="${SVG_NS}"${walk.usesXlink ? ` xmlns:xlink="${XLINK_NS}"` : ''}`;
  return { svg: inner.replace(/^<svg/, `<svg${namespaces}`), removed: [...walk.removed].sort() };
}

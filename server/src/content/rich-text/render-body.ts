import type { RichTextNode } from '@chuangan/shared'
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a type-only import of an `export =` module
import type MarkdownIt = require('markdown-it')
import type sanitizeHtml from 'sanitize-html'
import type { ChildNode } from 'domhandler'

/** Tags WeChat's rich-text renders (and H5 alike); everything else is dropped, its text kept. */
const TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'div',
  'dl',
  'dt',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
]
/** Tags whose content is dropped with them, not kept as text. */
const DROP_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'template',
  'title',
]

/** Only plain values of a few harmless properties survive in `style`. */
const SAFE_COLOR = [/^#[0-9a-f]{3,8}$/i, /^rgba?\(\s*[\d.\s,%]+\)$/i, /^[a-z]{3,20}$/i]
const STYLES: sanitizeHtml.IOptions['allowedStyles'] = {
  '*': {
    color: SAFE_COLOR,
    'background-color': SAFE_COLOR,
    'text-align': [/^(left|right|center|justify)$/],
    'font-weight': [/^(normal|bold|[1-9]00)$/],
    'font-style': [/^(normal|italic)$/],
    'text-decoration': [/^(none|underline|line-through)$/],
  },
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: {
    '*': ['class', 'style'],
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedStyles: STYLES,
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  nonTextTags: DROP_WITH_CONTENT,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'ugc noopener noreferrer nofollow', target: '_blank' },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
}
// `rel` and `target` are ours, added after the allow-list has run.
SANITIZE.allowedAttributes = { ...SANITIZE.allowedAttributes, a: ['href', 'title', 'rel', 'target'] }

interface Libraries {
  markdown: InstanceType<typeof MarkdownIt>
  sanitize: typeof sanitizeHtml
  parseDocument: typeof import('htmlparser2').parseDocument
}
let libraries: Libraries | null = null
/** Loaded on the first write, not at start: readers' requests never need them. */
function lib(): Libraries {
  /* eslint-disable @typescript-eslint/no-require-imports */
  libraries ??= {
    markdown: new (require('markdown-it') as typeof MarkdownIt)({
      html: true,
      linkify: true,
      breaks: false,
      typographer: false,
    }),
    sanitize: require('sanitize-html') as typeof sanitizeHtml,
    parseDocument: (require('htmlparser2') as typeof import('htmlparser2')).parseDocument,
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return libraries
}

export interface RenderedBody {
  html: string
  nodes: RichTextNode[]
  /** Characters of visible text. */
  length: number
  /** The first paragraph's text, for a summary when none is given. */
  firstParagraph: string
}

/** Markdown or HTML from an editor → sanitised HTML + WeChat rich-text nodes. */
export function renderBody(source: string, format: 'markdown' | 'html'): RenderedBody {
  const { markdown, sanitize, parseDocument } = lib()
  const raw = format === 'markdown' ? markdown.render(source) : source
  const html = sanitize(raw, SANITIZE).trim()
  const doc = parseDocument(html, { decodeEntities: true })
  const nodes = toNodes(doc.children)
  const text = plainText(nodes)
  const firstP = doc.children.find((n) => n.type === 'tag' && n.name === 'p')
  return {
    html,
    nodes,
    length: [...text.replace(/\s+/g, '')].length,
    firstParagraph: firstP ? plainText(toNodes([firstP])).trim() : text.trim().slice(0, 200),
  }
}

function toNodes(children: ChildNode[]): RichTextNode[] {
  const out: RichTextNode[] = []
  for (const child of children) {
    if (child.type === 'text') {
      // Line breaks between blocks are layout, not content: rich-text would render them as spaces.
      if (child.data.length > 0 && !/^\s*\n\s*$/.test(child.data)) out.push({ type: 'text', text: child.data })
    } else if (child.type === 'tag') {
      const attrs: Record<string, string> = { ...child.attribs }
      // Every element gets a class the page can style: rich-text ignores tag selectors on some versions.
      attrs.class = [`rt-${child.name}`, attrs.class].filter(Boolean).join(' ')
      if (child.name === 'img') {
        // Fit the width of the screen whatever size the editor gave.
        delete attrs.width
        delete attrs.height
        attrs.style = 'max-width:100%;height:auto;display:block;margin:8px auto'
      }
      const kids = toNodes(child.children)
      out.push(kids.length ? { name: child.name, attrs, children: kids } : { name: child.name, attrs })
    }
  }
  return out
}

function plainText(nodes: RichTextNode[]): string {
  return nodes.map((n) => ('type' in n ? n.text : plainText(n.children ?? []))).join('')
}

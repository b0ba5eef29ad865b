import type { RichTextNode } from '@chuangan/shared'
import { renderBody } from './render-body'

function walk(nodes: RichTextNode[], visit: (n: RichTextNode) => void): void {
  for (const n of nodes) {
    visit(n)
    if (!('type' in n)) walk(n.children ?? [], visit)
  }
}

/** Everything a body must never carry, checked on both the HTML and the nodes. */
function expectHarmless(source: string, format: 'markdown' | 'html' = 'html'): void {
  const { html, nodes } = renderBody(source, format)
  expect(html).not.toMatch(/<\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form|input|textarea|frame)/i)
  expect(html).not.toMatch(/\son[a-z]+\s*=/i)
  // A refused link may stay as visible text; no attribute may carry a script scheme.
  expect(html).not.toMatch(/=\s*["']?\s*(javascript|vbscript|livescript|data)\s*:/i)
  expect(html).not.toMatch(/expression\s*\(|url\s*\(|behavior\s*:|-moz-binding/i)
  walk(nodes, (n) => {
    if ('type' in n) return
    for (const [k, v] of Object.entries(n.attrs ?? {})) {
      expect(k).not.toMatch(/^on/i)
      expect(v).not.toMatch(/(javascript|vbscript)\s*:|expression\s*\(|url\s*\(/i)
    }
    expect(['script', 'iframe', 'style', 'svg', 'object', 'embed', 'form', 'input']).not.toContain(n.name)
  })
}

// Known XSS vectors (OWASP filter-evasion cheat sheet and friends), in HTML and in Markdown.
const VECTORS: [string, string, 'markdown' | 'html'][] = [
  ['plain script', '<script>alert(1)</script>', 'html'],
  ['script with src', '<script src="https://evil.example/x.js"></script>', 'html'],
  ['uppercase script', '<SCRIPT>alert(1)</SCRIPT>', 'html'],
  ['split script', '<scr<script>ipt>alert(1)</scr</script>ipt>', 'html'],
  ['img onerror', '<img src=x onerror=alert(1)>', 'html'],
  ['img onerror quoted', '<img src="/a.png" onerror="alert(1)">', 'html'],
  ['img javascript src', '<img src="javascript:alert(1)">', 'html'],
  [
    'img entity-encoded javascript',
    '<img src="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">',
    'html',
  ],
  ['img tab in scheme', '<img src="jav\tascript:alert(1)">', 'html'],
  ['a javascript href', '<a href="javascript:alert(1)">x</a>', 'html'],
  ['a mixed-case scheme', '<a href="JaVaScRiPt:alert(1)">x</a>', 'html'],
  ['a hex-encoded scheme', '<a href="&#x6A;avascript:alert(1)">x</a>', 'html'],
  ['a vbscript href', '<a href="vbscript:msgbox(1)">x</a>', 'html'],
  ['a data html href', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', 'html'],
  ['a onclick', '<a href="https://example.com" onclick="alert(1)">x</a>', 'html'],
  ['body onload', '<body onload=alert(1)>', 'html'],
  ['svg onload', '<svg onload=alert(1)><circle r="1"/></svg>', 'html'],
  ['svg script', '<svg><script>alert(1)</script></svg>', 'html'],
  ['math xlink', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>', 'html'],
  ['iframe javascript', '<iframe src="javascript:alert(1)"></iframe>', 'html'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', 'html'],
  ['object data', '<object data="javascript:alert(1)"></object>', 'html'],
  ['embed src', '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">', 'html'],
  ['style tag', '<style>body{background:url("javascript:alert(1)")}</style>', 'html'],
  ['style expression', '<p style="width: expression(alert(1))">x</p>', 'html'],
  ['style url', '<p style="background-image: url(javascript:alert(1))">x</p>', 'html'],
  ['style behavior', '<p style="behavior: url(x.htc)">x</p>', 'html'],
  ['style moz-binding', '<p style="-moz-binding: url(x.xml#xss)">x</p>', 'html'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', 'html'],
  ['link stylesheet', '<link rel="stylesheet" href="javascript:alert(1)">', 'html'],
  ['base href', '<base href="javascript:alert(1)//">', 'html'],
  ['form action', '<form action="javascript:alert(1)"><input type="submit"></form>', 'html'],
  ['input autofocus onfocus', '<input autofocus onfocus=alert(1)>', 'html'],
  ['details ontoggle', '<details open ontoggle=alert(1)>', 'html'],
  ['marquee onstart', '<marquee onstart=alert(1)>x</marquee>', 'html'],
  ['video source onerror', '<video><source onerror="alert(1)"></video>', 'html'],
  ['broken attribute quoting', '<img """><script>alert(1)</script>">', 'html'],
  ['comment hiding script', '<!--<img src="--><img src=x onerror=alert(1)//">', 'html'],
  ['CDATA', '<![CDATA[<script>alert(1)</script>]]>', 'html'],
  ['unclosed tag', '<img src=x onerror=alert(1)', 'html'],
  ['markdown javascript link', '[点我](javascript:alert(1))', 'markdown'],
  ['markdown javascript image', '![x](javascript:alert(1))', 'markdown'],
  ['markdown raw html', '正文<img src=x onerror=alert(1)>', 'markdown'],
  ['markdown raw script', '<script>alert(1)</script>\n\n正文', 'markdown'],
  ['markdown data link', '[x](data:text/html;base64,PHNjcmlwdD4=)', 'markdown'],
]

describe('renderBody sanitisation', () => {
  it('covers at least 30 known vectors', () => expect(VECTORS.length).toBeGreaterThanOrEqual(30))

  it.each(VECTORS)('neutralises %s', (_name, source, format) => expectHarmless(source, format))

  it('drops script content instead of showing it as text', () => {
    expect(renderBody('<p>前</p><script>alert("x")</script><p>后</p>', 'html').html).toBe('<p>前</p><p>后</p>')
  })

  it('keeps the text of a removed harmless wrapper', () => {
    expect(renderBody('<article><p>保留的文字</p></article>', 'html').html).toBe('<p>保留的文字</p>')
  })
})

describe('renderBody output', () => {
  it('renders Markdown to rich-text nodes with a class per tag', () => {
    const { nodes, length, firstParagraph } = renderBody('## 标题\n\n第一段**加粗**。\n\n- 甲\n- 乙', 'markdown')
    expect(nodes[0]).toEqual({ name: 'h2', attrs: { class: 'rt-h2' }, children: [{ type: 'text', text: '标题' }] })
    const p = nodes.find((n) => !('type' in n) && n.name === 'p')
    expect(p).toMatchObject({
      name: 'p',
      children: [{ type: 'text', text: '第一段' }, { name: 'strong' }, { type: 'text', text: '。' }],
    })
    expect(firstParagraph).toBe('第一段加粗。')
    expect(length).toBe('标题第一段加粗。甲乙'.length)
  })

  it('makes images fit the width and drops their fixed size', () => {
    const { nodes } = renderBody('<img src="https://example.com/a.png" width="2000" height="900" alt="图">', 'html')
    expect(nodes[0]).toEqual({
      name: 'img',
      attrs: {
        src: 'https://example.com/a.png',
        alt: '图',
        class: 'rt-img',
        style: 'max-width:100%;height:auto;display:block;margin:8px auto',
      },
    })
  })

  it('marks links as user content that opens elsewhere', () => {
    const { html } = renderBody('[链接](https://example.com/x)', 'markdown')
    expect(html).toBe(
      '<p><a href="https://example.com/x" rel="ugc noopener noreferrer nofollow" target="_blank">链接</a></p>',
    )
  })

  it('keeps tables and harmless styles', () => {
    const { html } = renderBody(
      '<table><tr><td colspan="2" style="text-align:center;color:#333">格</td></tr></table>',
      'html',
    )
    expect(html).toContain('<td colspan="2" style="text-align:center;color:#333">格</td>')
  })

  it('decodes entities into text nodes once', () => {
    const { nodes } = renderBody('<p>&lt;温度&gt; &amp; 湿度</p>', 'html')
    expect(nodes[0]).toEqual({
      name: 'p',
      attrs: { class: 'rt-p' },
      children: [{ type: 'text', text: '<温度> & 湿度' }],
    })
  })
})

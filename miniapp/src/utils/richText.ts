/**
 * Keeps images inside the screen: rich-text content cannot be reached by page CSS in the
 * mini-program, so each <img> gets an inline style (inline `style` is allowed by rich-text).
 */
export function fitImages(html: string): string {
  return html.replace(
    /<img\b(?![^>]*\bstyle=)/gi,
    '<img style="max-width:100%;height:auto;display:block;margin:12px 0"',
  )
}

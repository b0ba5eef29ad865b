import type { RichTextNode } from '@chuangan/shared'
import { mediaUrl } from './media'

/**
 * Prepares the server's rich-text nodes for this platform: image sources may be relative to the API
 * origin, which only H5 shares. Returns the same array when nothing had to change.
 */
export function withMediaUrls(nodes: RichTextNode[]): RichTextNode[] {
  let changed = false
  const visit = (node: RichTextNode): RichTextNode => {
    if ('type' in node) return node
    let next = node
    if (node.name === 'img' && node.attrs?.src) {
      const src = mediaUrl(node.attrs.src)
      if (src !== node.attrs.src) {
        changed = true
        next = { ...node, attrs: { ...node.attrs, src } }
      }
    }
    if (node.children?.length) {
      const children = node.children.map(visit)
      if (children.some((c, i) => c !== node.children![i])) next = { ...next, children }
    }
    return next
  }
  const out = nodes.map(visit)
  return changed ? out : nodes
}

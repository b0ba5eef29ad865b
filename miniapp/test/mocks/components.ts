// Every Taro component becomes a plain DOM element; unknown names fall back to <div>.
import * as React from 'react'

const TAGS: Record<string, string> = {
  View: 'div',
  Text: 'span',
  ScrollView: 'div',
  RichText: 'div',
  Image: 'img',
  Button: 'button',
  Input: 'input',
  Textarea: 'textarea',
  Label: 'label',
  Form: 'form',
  Navigator: 'a',
}
const PASS = /^(data-|aria-)|^(id|role|src|value|placeholder|disabled|type)$/

function make(name: string) {
  const C = React.forwardRef<unknown, Record<string, any>>((props, ref) => {
    const { children, className, style, onClick, nodes, ...rest } = props
    if (name === 'Block') return React.createElement(React.Fragment, null, children)
    const dom: Record<string, unknown> = { ref, className, onClick, 'data-taro': name }
    if (style && typeof style === 'object') dom.style = style
    for (const key of Object.keys(rest)) if (PASS.test(key)) dom[key] = rest[key]
    if (name === 'RichText') {
      dom.dangerouslySetInnerHTML = { __html: typeof nodes === 'string' ? nodes : '' }
      return React.createElement('div', dom)
    }
    return React.createElement(TAGS[name] || 'div', dom, children)
  })
  C.displayName = name
  return C
}

const cache: Record<string, ReturnType<typeof make>> = {}
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === '__esModule') return true
      if (typeof name !== 'string' || name === 'then') return undefined
      return (cache[name] ||= make(name))
    },
  },
)

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
  // an element React hands `error` and `load` events to
  OfficialAccount: 'img',
}
/** The temporary file a chooseAvatar button hands over in tests. */
const CHOSEN_AVATAR = 'wxfile://tmp/chosen-avatar.png'

const PASS = /^(data-|aria-)|^(id|role|src|value|placeholder|disabled|type)$/

// rich-text nodes (WeChat's format) as DOM: `class` becomes className, text nodes become text
function renderNodes(nodes: any[]): React.ReactNode[] {
  return nodes.map((node, i) => {
    if (node.type === 'text') return node.text
    const { class: cls, ...attrs } = node.attrs ?? {}
    const children = node.children?.length ? renderNodes(node.children) : undefined
    return React.createElement(node.name, { key: i, ...attrs, className: cls }, children)
  })
}

function make(name: string) {
  const C = React.forwardRef<unknown, Record<string, any>>((props, ref) => {
    const { children, className, style, onClick, nodes, ...rest } = props
    if (name === 'Block') return React.createElement(React.Fragment, null, children)
    const dom: Record<string, unknown> = { ref, className, onClick, 'data-taro': name }
    if (style && typeof style === 'object') dom.style = style
    for (const key of Object.keys(rest)) if (PASS.test(key)) dom[key] = rest[key]
    if (name === 'RichText') {
      if (Array.isArray(nodes)) return React.createElement('div', dom, renderNodes(nodes))
      dom.dangerouslySetInnerHTML = { __html: typeof nodes === 'string' ? nodes : '' }
      return React.createElement('div', dom)
    }
    if (name === 'Ad') dom['data-unit-id'] = rest.unitId
    // an image (or WeChat's official-account component) loading or failing: fireEvent.load / fireEvent.error
    if (name === 'Image' || name === 'OfficialAccount') {
      dom.onLoad = rest.onLoad
      dom.onError = rest.onError
    }
    if (name === 'Button' && rest.openType) dom['data-open-type'] = rest.openType
    // a tap on an open-type button is answered by WeChat with its own event: played here on click
    if (name === 'Button' && rest.openType === 'chooseAvatar') {
      dom.onClick = () => rest.onChooseAvatar?.({ detail: { avatarUrl: CHOSEN_AVATAR } })
    }
    if (name === 'Button' && rest.openType === 'agreePrivacyAuthorization') {
      dom.onClick = (e: unknown) => {
        rest.onAgreePrivacyAuthorization?.({ detail: {} })
        onClick?.(e)
      }
    }
    if (rest.maxlength !== undefined) dom.maxLength = rest.maxlength
    // Taro's onInput hands over { detail: { value } }; React's onChange fires on each input event
    if (rest.onInput) dom.onChange = (e: any) => rest.onInput({ ...e, detail: { value: e.target.value } })
    if (rest.onBlur) dom.onBlur = (e: any) => rest.onBlur({ ...e, detail: { value: e.target.value } })
    // the keyboard's 完成 / Enter
    if (rest.onConfirm) {
      dom.onKeyDown = (e: any) => {
        if (e.key === 'Enter') rest.onConfirm({ ...e, detail: { value: e.target.value } })
      }
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

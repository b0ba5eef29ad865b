import type { SKRSContext2D } from '@napi-rs/canvas'

/** Characters that must not start a line (Chinese line-breaking rules): they stay at the end of the previous one. */
const NO_LINE_START = new Set([...'，。、；：？！）】》」』”’…,.;:?!)]}%'])

/**
 * Splits text into lines no wider than `maxWidth` at the context's current font, at most `maxLines`; the last line
 * ends with … when text is left over. Chinese breaks between any two characters; Latin words and numbers stay whole
 * unless longer than a line; closing punctuation hangs on the line it follows.
 */
export function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const tokens = text.replace(/\s+/g, ' ').match(/[A-Za-z0-9][A-Za-z0-9'’\-_.%/]*|\s|./gsu) ?? []
  const lines: string[] = []
  let line = ''
  let i = 0
  while (i < tokens.length && lines.length < maxLines) {
    const token = tokens[i]
    if (line === '' && token === ' ') {
      i++
      continue
    }
    const candidate = line + token
    if (ctx.measureText(candidate).width <= maxWidth || NO_LINE_START.has(token)) {
      line = candidate
      i++
      continue
    }
    if (line === '') {
      // One word wider than a line: break it by characters.
      const chars = [...token]
      let part = ''
      while (chars.length && ctx.measureText(part + chars[0]).width <= maxWidth) part += chars.shift()
      lines.push(part)
      tokens[i] = chars.join('')
      continue
    }
    lines.push(line.trimEnd())
    line = ''
  }
  if (line && lines.length < maxLines) {
    lines.push(line.trimEnd())
    line = ''
  }
  const leftOver = i < tokens.length || line !== ''
  if (leftOver && lines.length > 0) lines[lines.length - 1] = withEllipsis(ctx, lines[lines.length - 1], maxWidth)
  return lines
}

function withEllipsis(ctx: SKRSContext2D, line: string, maxWidth: number): string {
  const chars = [...line]
  while (chars.length && ctx.measureText(`${chars.join('').trimEnd()}…`).width > maxWidth) chars.pop()
  return `${chars.join('').trimEnd()}…`
}

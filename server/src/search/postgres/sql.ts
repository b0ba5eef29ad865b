/** Positional parameters of one statement ($1, $2 …), added as fragments are written. */
export class Params {
  readonly values: unknown[] = []

  add(value: unknown, cast?: string): string {
    this.values.push(value)
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`
  }
}

/** A condition on `search_doc d`, written into a statement's parameters. */
export type Condition = (p: Params) => string

export const always: Condition = () => 'TRUE'
export const never: Condition = () => 'FALSE'

export function and(conditions: Condition[]): Condition {
  if (!conditions.length) return always
  return (p) => conditions.map((c) => `(${c(p)})`).join(' AND ')
}

export function or(conditions: Condition[]): Condition {
  if (!conditions.length) return never
  return (p) => conditions.map((c) => `(${c(p)})`).join(' OR ')
}

/** A LIKE pattern matching `text` literally (model keys hold letters and digits only, but to be safe). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

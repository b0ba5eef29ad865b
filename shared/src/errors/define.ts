/**
 * Declared errors: each feature lists, once, the errors it can answer. Zod-free, so the mini-program can branch on
 * a code (`error.code === CommentErrors.COMMENTS_CLOSED.code`) through `@chuangan/shared/errors` without bundling zod.
 */

/** One error a feature can answer: a stable machine code, its HTTP status and the Chinese message the reader sees. */
export interface DeclaredError<C extends string = string, M extends string = string> {
  readonly code: C
  readonly status: number
  /** Shown as is; a `{name}` placeholder is filled in where the error is raised (see `formatMessage`). */
  readonly message: M
}

/** The placeholder names of a message: `'已有名为「{name}」的收藏夹'` → `'name'`. */
export type Placeholders<M extends string> = M extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never

/** The values a declared error's message needs. */
export type MessageParams<E extends DeclaredError> = { [K in Placeholders<E['message']>]: string | number }

/** A feature's errors, keyed by their code: the key is the code, so a code is written once. */
export function defineErrors<const T extends Record<string, { status: number; message: string }>>(
  errors: T,
): { readonly [C in keyof T & string]: DeclaredError<C, T[C]['message']> } {
  return Object.freeze(
    Object.fromEntries(
      Object.entries(errors).map(([code, { status, message }]) => [code, Object.freeze({ code, status, message })]),
    ),
  ) as never
}

/** The message with its placeholders filled in. */
export function formatMessage<E extends DeclaredError>(error: E, params?: MessageParams<E>): string {
  const values = (params ?? {}) as Record<string, string | number>
  return error.message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  )
}

/** Whether an error (an API answer, a thrown client error) carries one of these declared codes. */
export function hasCode(error: unknown, ...declared: DeclaredError[]): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && declared.some((d) => d.code === code)
}

/**
 * A boolean prop for Taro's components (disabled, loading): H5 renders `false` as the attribute "false", so a
 * `[disabled]` style would apply to an enabled button; leave the prop out instead.
 */
export function flag(on: boolean): true | undefined {
  return on ? true : undefined
}

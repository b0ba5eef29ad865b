/**
 * A PostgreSQL array literal (`{1,NULL,"a \"b\""}`) of scalar values, for one bound parameter cast to an array type
 * (`$1::integer[]`). Many rows then travel as one array per column and are read back with `unnest(…)`: a statement
 * of a few parameters, where a multi-row VALUES list of 30,000 placeholders costs PostgreSQL more to parse and bind
 * than to write the rows (1.45 million parameter rows: 28 s of the backend's CPU against 9 s). Strings are always
 * quoted when the array syntax needs it (braces, commas, quotes, backslashes, white space, the empty string and
 * `NULL`), so a nested array's text usually travels without escapes; dates as node-postgres writes a date parameter (local time
 * with its offset, which a `timestamp` column ignores).
 */
export function pgArray(values: readonly unknown[]): string {
  let out = '{'
  for (let i = 0; i < values.length; i++) {
    if (i) out += ','
    const value = values[i]
    if (value === null || value === undefined) out += 'NULL'
    else if (typeof value === 'number' || typeof value === 'bigint') out += String(value)
    else if (typeof value === 'boolean') out += value ? 't' : 'f'
    else if (value instanceof Date) out += element(localTime(value))
    else out += element(String(value))
  }
  return out + '}'
}

const NEEDS_QUOTES = /[{}",\\\s]|^null$/i
const NEEDS_ESCAPES = /["\\]/

function element(text: string): string {
  if (text !== '' && !NEEDS_QUOTES.test(text)) return text
  if (!NEEDS_ESCAPES.test(text)) return `"${text}"`
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`
}

/** node-postgres's dateToString (years 1 and later). */
function localTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  const offset = -date.getTimezoneOffset()
  const abs = Math.abs(offset)
  return (
    `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.` +
    `${String(date.getMilliseconds()).padStart(3, '0')}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  )
}

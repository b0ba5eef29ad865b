import { randomInt } from 'node:crypto'
import { SHARER_CODE_LENGTH } from '@chuangan/shared'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A new public share code: 8 letters or digits drawn with a CSPRNG (`crypto.randomInt`, unbiased), 62^8 ≈ 2.2 × 10^14
 * codes. It names the account in share paths and poster scenes without giving away its id or being guessable from it.
 */
export function newShareCode(): string {
  let code = ''
  for (let i = 0; i < SHARER_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

/** The unit price at a quantity: the break with the largest qty not above it, else the first (as the server reads it). */
export function priceAt(breaks: Array<{ qty: number; price: number }>, qty: number): number | null {
  if (!breaks.length) return null
  let price = breaks[0].price
  for (const b of breaks) if (b.qty <= qty) price = b.price
  return price
}

/** A typed quantity: a whole number ≥ 1, or null. */
export function parseQty(text: string): number | null {
  const n = Number(text.trim())
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000_000 ? n : null
}

export { yuan } from '@/utils/price'

/** A price in yuan as shown everywhere (`¥1,234.50`): the product page, cards in articles. */
export const yuan = (value: number) =>
  `¥${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

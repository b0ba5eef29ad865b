/** A supplier's 询价 figures as the product and supplier pages show them; empty while nothing is known. */
export function responseStats(supplier: { responseRate: number | null; medianAnswerMinutes: number | null }): string[] {
  const stats: string[] = []
  if (supplier.responseRate !== null) stats.push(`回复率 ${Math.round(supplier.responseRate * 100)}%`)
  const m = supplier.medianAnswerMinutes
  if (m !== null) {
    stats.push(
      `回复时长中位数 ${m < 1 ? '不到 1 分钟' : m < 60 ? `${Math.round(m)} 分钟` : `${Math.round(m / 60)} 小时`}`,
    )
  }
  return stats
}

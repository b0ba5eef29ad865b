import type { DemandFilters, DemandStatus } from '@chuangan/shared'

export const STATUS_LABEL: Record<DemandStatus, string> = { open: '进行中', closed: '已关闭', expired: '已截止' }

/** The constraints as chips: `输出信号 4-20mA`, `测量范围 5000~ ppm`, `深圳`, `有货`. */
export function constraintChips(f: DemandFilters): string[] {
  return [
    ...(f.q ? [f.q] : []),
    ...f.enum.map((e) => e.replace(':', ' ')),
    ...f.range.map((r) => r.replace(':', ' ')),
    ...f.region,
    ...(f.inStock ? ['有货'] : []),
  ]
}

export const dateOf = (iso: string) => iso.slice(0, 10)

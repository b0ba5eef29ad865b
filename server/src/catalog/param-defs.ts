import type { Dimension, ParamKind } from '@chuangan/shared'

/** Parameter definitions and the building blocks the category tree (taxonomy.ts) is written with. */

export interface ParamDef {
  key: string
  kind: ParamKind
  /** Numbers and ranges with a physical unit: stored in the dimension's base unit. */
  dimension: Dimension | null
  /** Shown in (and a bare number is read in) this unit; for a dimensionless value, the only unit accepted. */
  unit: string | null
  facetable: boolean
  /** Enum values as the catalogue spells them (a record's `ip67` is stored as `IP67`); others are kept as written. */
  values?: readonly string[]
}

export interface CategoryDef {
  name: string
  params?: ParamDef[]
  children?: CategoryDef[]
}

export const range = (key: string, dimension: Dimension | null, unit: string, facetable = true): ParamDef => ({
  key,
  kind: 'range',
  dimension,
  unit,
  facetable,
})
export const num = (key: string, dimension: Dimension | null, unit: string, facetable = true): ParamDef => ({
  key,
  kind: 'number',
  dimension,
  unit,
  facetable,
})
export const oneOf = (key: string, values: readonly string[], facetable = true): ParamDef => ({
  key,
  kind: 'enum',
  dimension: null,
  unit: null,
  facetable,
  values,
})
export const text = (key: string): ParamDef => ({ key, kind: 'text', dimension: null, unit: null, facetable: false })

export const OUTPUT_SIGNALS = [
  '4-20mA',
  '0-5V',
  '0-10V',
  '1-5V',
  '0.5-4.5V',
  'mV',
  'RS485',
  'HART',
  'I2C',
  'SPI',
  'CAN',
  'IO-Link',
  'NPN',
  'PNP',
  '继电器',
  '脉冲',
  '模拟电压',
] as const
export const PROTECTION = ['IP40', 'IP54', 'IP65', 'IP66', 'IP67', 'IP68', 'IP69K'] as const

export const OUTPUT = oneOf('输出信号', OUTPUT_SIGNALS)
export const IP = oneOf('防护等级', PROTECTION)
export const SUPPLY = range('供电电压', 'voltage', 'V')
export const OPERATING = range('工作温度', 'temperature', '℃', false)
export const ACCURACY = num('精度', null, '%FS')
export const THREAD = oneOf('螺纹', ['M5', 'M8', 'M12', 'M18', 'M30'])
export const SWITCHING = oneOf('输出状态', ['常开', '常闭', '常开+常闭'])
export const HOUSING = oneOf('外壳材质', ['不锈钢', '铝合金', '黄铜镀镍', '工程塑料'], false)
export const MEDIUM = oneOf('测量介质', ['水', '油', '气体', '蒸汽', '腐蚀性液体', '浆液', '粉料'])
export const TEMPERATURE = range('测温范围', 'temperature', '℃')
export const TEMPERATURE_ACCURACY = num('测温精度', 'temperature', '℃', false)
export const RESPONSE = num('响应时间', 'time', 'ms', false)
export const PACKAGE = oneOf('封装', ['TO-92', 'SOT-23', 'DFN', 'LGA', 'QFN', '防水探头'])
export const MODEL_NOTE = text('备注')

/**
 * Our category tree and each category's parameter definitions, applied to the database at start and before every
 * import (TaxonomyService, upsert by path and key). A category's products also carry its ancestors' parameters.
 *
 * One rule across the tree: a parameter key means one thing everywhere (one kind, one dimension), because search
 * filters and facets by key. So a pressure span is 量程 but a temperature span is 测温范围, an acceleration span is
 * 加速度量程; dimensionless values carry their unit in the definition (精度 in %FS, 输出灵敏度 in mV/V).
 */

import {
  ACCURACY,
  HOUSING,
  IP,
  MEDIUM,
  MODEL_NOTE,
  OPERATING,
  OUTPUT,
  PACKAGE,
  RESPONSE,
  SUPPLY,
  SWITCHING,
  TEMPERATURE,
  TEMPERATURE_ACCURACY,
  THREAD,
  num,
  oneOf,
  range,
  text,
  type CategoryDef,
  type ParamDef,
} from './param-defs'

export type { CategoryDef, ParamDef } from './param-defs'

export const TAXONOMY: CategoryDef[] = [
  {
    name: '压力传感器',
    params: [
      range('量程', 'pressure', 'MPa'),
      OUTPUT,
      ACCURACY,
      SUPPLY,
      OPERATING,
      IP,
      oneOf('过程连接', ['M20×1.5', 'G1/4', 'G1/2', '1/4NPT', '1/2NPT', '法兰', '卡箍']),
      oneOf('压力类型', ['表压', '绝压', '密封表压', '负压', '差压']),
      MODEL_NOTE,
    ],
    children: [
      { name: '压力变送器' },
      { name: '差压变送器', params: [range('静压', 'pressure', 'MPa', false)] },
      { name: '压力开关', params: [range('设定范围', 'pressure', 'MPa'), SWITCHING] },
      { name: '压力芯体', params: [oneOf('芯体类型', ['扩散硅', '陶瓷电容', '溅射薄膜', 'MEMS'])] },
    ],
  },
  {
    name: '温度传感器',
    params: [TEMPERATURE, OUTPUT, TEMPERATURE_ACCURACY, SUPPLY, IP, num('探头直径', 'length', 'mm'), MODEL_NOTE],
    children: [
      {
        name: '热电阻',
        params: [
          oneOf('分度号', ['PT100', 'PT1000', 'Cu50', 'K', 'J', 'E', 'T', 'S', 'N']),
          oneOf('精度等级', ['AA级', 'A级', 'B级', 'C1', 'C2', 'C3', 'C6']),
          oneOf('接线方式', ['二线制', '三线制', '四线制']),
        ],
      },
      { name: '热电偶', params: [oneOf('分度号', ['PT100', 'PT1000', 'Cu50', 'K', 'J', 'E', 'T', 'S', 'N'])] },
      { name: '温度变送器' },
      { name: '数字温度传感器', params: [PACKAGE] },
    ],
  },
  {
    name: '温湿度传感器',
    params: [
      range('湿度范围', 'humidity', '%RH'),
      num('湿度精度', 'humidity', '%RH'),
      TEMPERATURE,
      TEMPERATURE_ACCURACY,
      OUTPUT,
      SUPPLY,
      IP,
    ],
    children: [
      { name: '温湿度变送器' },
      { name: '温湿度传感器模块', params: [PACKAGE] },
      { name: '露点变送器', params: [range('露点范围', 'temperature', '℃')] },
    ],
  },
  {
    name: '气体传感器',
    params: [
      oneOf('检测气体', ['CO', 'H2S', 'CH4', 'O2', 'CO2', 'NH3', 'H2', 'SO2', 'NO2', 'Cl2', 'VOC', '可燃气体']),
      oneOf('检测原理', ['电化学', '催化燃烧', '红外NDIR', '半导体', 'PID光离子化']),
      range('测量范围', 'concentration', 'ppm'),
      OUTPUT,
      SUPPLY,
      IP,
      oneOf('防爆等级', ['Ex d IIC T6 Gb', 'Ex ia IIC T4 Ga', 'Ex d IIB T4 Gb', '非防爆']),
      num('响应时间', 'time', 's', false),
    ],
    children: [
      { name: '可燃气体探测器', params: [range('爆炸下限范围', null, '%LEL')] },
      { name: '有毒气体探测器' },
      { name: '二氧化碳传感器' },
      { name: '氧气传感器' },
    ],
  },
  {
    name: '流量传感器',
    params: [
      range('流量范围', 'flow', 'm³/h'),
      oneOf('口径', [
        'DN10',
        'DN15',
        'DN20',
        'DN25',
        'DN32',
        'DN40',
        'DN50',
        'DN80',
        'DN100',
        'DN150',
        'DN200',
        'DN300',
      ]),
      ACCURACY,
      OUTPUT,
      MEDIUM,
      range('介质温度', 'temperature', '℃', false),
      SUPPLY,
      IP,
    ],
    children: [
      { name: '电磁流量计' },
      { name: '涡街流量计' },
      { name: '超声波流量计' },
      { name: '热式质量流量计' },
      { name: '涡轮流量计' },
    ],
  },
  {
    name: '液位传感器',
    params: [range('液位量程', 'length', 'm'), ACCURACY, OUTPUT, MEDIUM, SUPPLY, IP],
    children: [
      { name: '投入式液位变送器' },
      { name: '雷达液位计', params: [oneOf('雷达频段', ['6GHz', '26GHz', '80GHz'])] },
      { name: '超声波液位计', params: [num('盲区', 'length', 'm', false)] },
      { name: '浮球液位开关', params: [SWITCHING] },
    ],
  },
  {
    name: '位移传感器',
    params: [
      range('行程', 'length', 'mm'),
      num('线性度', null, '%FS'),
      num('分辨率', 'length', 'μm', false),
      OUTPUT,
      SUPPLY,
      IP,
    ],
    children: [
      { name: '拉绳位移传感器' },
      { name: 'LVDT位移传感器' },
      { name: '激光位移传感器', params: [num('参考距离', 'length', 'mm')] },
      { name: '磁致伸缩位移传感器' },
      { name: '光栅位移传感器' },
    ],
  },
  {
    name: '加速度传感器',
    params: [
      range('加速度量程', 'acceleration', 'g'),
      oneOf('轴数', ['单轴', '双轴', '三轴', '六轴', '九轴']),
      range('频率范围', 'frequency', 'Hz'),
      OUTPUT,
      SUPPLY,
      OPERATING,
    ],
    children: [
      { name: 'MEMS加速度计', params: [PACKAGE] },
      { name: '压电加速度传感器', params: [num('灵敏度', null, 'mV/g')] },
      { name: '振动变送器', params: [range('振动速度量程', null, 'mm/s'), IP] },
      { name: '惯性测量单元', params: [range('角速度量程', null, '°/s')] },
    ],
  },
  {
    name: '霍尔与电流传感器',
    params: [num('额定电流', 'current', 'A'), OUTPUT, ACCURACY, SUPPLY, RESPONSE, OPERATING],
    children: [
      { name: '开环霍尔电流传感器', params: [num('孔径', 'length', 'mm')] },
      { name: '闭环霍尔电流传感器', params: [num('孔径', 'length', 'mm')] },
      { name: '电流互感器', params: [num('孔径', 'length', 'mm'), text('变比')] },
      { name: '霍尔开关', params: [SWITCHING, PACKAGE] },
    ],
  },
  {
    name: '光电传感器',
    params: [
      oneOf('检测方式', ['对射式', '漫反射式', '镜面反射式', '背景抑制', '槽型', '光纤式']),
      num('检测距离', 'length', 'mm'),
      oneOf('光源', ['红外光', '红色光', '激光', '白光', '蓝光', 'RGB']),
      OUTPUT,
      SWITCHING,
      SUPPLY,
      RESPONSE,
      IP,
      THREAD,
    ],
    children: [
      { name: '光电开关' },
      { name: '光纤传感器' },
      { name: '色标传感器' },
      { name: '安全光幕', params: [num('光轴间距', 'length', 'mm'), num('保护高度', 'length', 'mm')] },
    ],
  },
  {
    name: '接近开关',
    params: [
      num('检测距离', 'length', 'mm'),
      OUTPUT,
      SWITCHING,
      THREAD,
      oneOf('安装方式', ['齐平', '非齐平']),
      num('开关频率', 'frequency', 'Hz', false),
      SUPPLY,
      IP,
      HOUSING,
    ],
    children: [{ name: '电感式接近开关' }, { name: '电容式接近开关' }, { name: '磁性开关' }],
  },
  {
    name: '称重传感器',
    params: [
      num('额定载荷', 'mass', 'kg'),
      num('输出灵敏度', null, 'mV/V'),
      ACCURACY,
      oneOf('精度等级', ['AA级', 'A级', 'B级', 'C1', 'C2', 'C3', 'C6']),
      range('激励电压', 'voltage', 'V', false),
      IP,
      HOUSING,
    ],
    children: [
      { name: 'S型拉压力传感器' },
      { name: '悬臂梁称重传感器' },
      { name: '轮辐式称重传感器' },
      { name: '柱式称重传感器' },
      { name: '微型力传感器' },
    ],
  },
  {
    name: '扭矩传感器',
    params: [num('额定扭矩', 'torque', 'N·m'), num('最高转速', null, 'rpm'), ACCURACY, OUTPUT, SUPPLY, IP],
    children: [{ name: '动态扭矩传感器' }, { name: '静态扭矩传感器' }, { name: '法兰式扭矩传感器' }],
  },
]

/** Every category with its path and depth, parents before children, in tree order. */
export function flattenTaxonomy(tree: CategoryDef[] = TAXONOMY): Array<{
  path: string
  parentPath: string | null
  name: string
  depth: number
  sortOrder: number
  params: ParamDef[]
}> {
  const out: ReturnType<typeof flattenTaxonomy> = []
  const walk = (nodes: CategoryDef[], parentPath: string | null, depth: number) =>
    nodes.forEach((node, sortOrder) => {
      const path = parentPath ? `${parentPath}/${node.name}` : node.name
      out.push({ path, parentPath, name: node.name, depth, sortOrder, params: node.params ?? [] })
      walk(node.children ?? [], path, depth + 1)
    })
  walk(tree, null, 0)
  return out
}

import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { BuyerDemand, CategoryTreeNode, ParamDefinition } from '@chuangan/shared'
import { contactKind, DEMAND_LIMITS } from '@chuangan/shared/limits'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { useResource } from '@/hooks/useResource'
import { openPage, param } from '@/utils/nav'
import { demandUrl } from '@/utils/paths'
import SignedIn from '../../me/components/SignedIn'
import '../trade.css'

interface Leaf {
  id: number
  path: string
  params: ParamDefinition[]
}

/** Every category with the parameters a buyer may constrain (its own and its ancestors', facetable ones). */
function flatten(nodes: CategoryTreeNode[], inherited: ParamDefinition[] = []): Leaf[] {
  return nodes.flatMap((n) => {
    const params = [...inherited, ...n.params.filter((p) => p.facetable && p.kind !== 'text')]
    return [{ id: n.id, path: n.path, params }, ...flatten(n.children, params)]
  })
}

const fetchTree = async () => flatten((await call('categories')).items)

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

interface Bounds {
  min: string
  max: string
}

function DemandForm() {
  const tree = useResource('tree', fetchTree)
  const [categoryIndex, setCategoryIndex] = useState<number | null>(null)
  const [enums, setEnums] = useState<Record<string, string>>({})
  const [ranges, setRanges] = useState<Record<string, Bounds>>({})
  const [quantity, setQuantity] = useState('')
  const [deadline, setDeadline] = useState(inDays(14))
  const [note, setNote] = useState('')
  const [contact, setContact] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  const [sent, setSent] = useState<BuyerDemand | null>(null)

  // a field's message goes as soon as the buyer changes that field (the others stay until the next 发布)
  const edited = (key: string) => {
    if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest)
  }

  const { params } = useRouter()
  const leaves = tree.state.status === 'ready' ? tree.state.data : []
  // `?category=ID` (from a category or a search) preselects it until the buyer picks another.
  const preset = leaves.findIndex((l) => String(l.id) === param(params.category))
  const leaf = categoryIndex !== null ? leaves[categoryIndex] : preset >= 0 ? leaves[preset] : null
  const labels = leaves.map((l) => l.path)

  if (tree.state.status === 'loading') return <Skeleton />
  if (tree.state.status !== 'ready') return <StatusView title="分类加载失败" onRetry={() => void tree.reload()} />
  if (sent) {
    return (
      <View className="trade-success" data-testid="demand-sent">
        <Text className="trade-success__icon">✓</Text>
        <Text className="trade-card__title">求购已发布</Text>
        <Text className="trade-meta">
          已推送给 {sent.matchedSuppliers} 家有匹配产品的供应商，回复会出现在消息和求购详情中
        </Text>
        <Button className="trade-submit" onClick={() => void openPage(demandUrl(sent.id))}>
          查看求购
        </Button>
      </View>
    )
  }

  const submit = async () => {
    const found: Record<string, string> = {}
    if (!leaf) found.category = '请选择产品分类'
    const qty = Number(quantity)
    if (!Number.isInteger(qty) || qty < 1) found.quantity = '请输入正整数数量'
    if (!deadline || deadline <= inDays(0)) found.deadline = '截止日期须晚于今天'
    if (deadline > inDays(DEMAND_LIMITS.maxDays)) found.deadline = `截止日期不能超过 ${DEMAND_LIMITS.maxDays} 天后`
    const phoneOrWechat = contact.replace(/\s+/g, '')
    if (!phoneOrWechat) found.contact = '请填写联系方式'
    else if (phoneOrWechat.length > DEMAND_LIMITS.contact || contactKind(phoneOrWechat) === null) {
      found.contact = '请填写手机号、座机号或微信号'
    }
    const range: string[] = []
    for (const p of leaf?.params ?? []) {
      const b = ranges[p.key]
      if (!b || (!b.min.trim() && !b.max.trim())) continue
      if ([b.min, b.max].some((v) => v.trim() && !Number.isFinite(Number(v)))) found[p.key] = '请输入数字'
      else range.push(`${p.key}:${b.min.trim()}~${b.max.trim()}${p.unit ?? ''}`)
    }
    setErrors(found)
    if (Object.keys(found).length) return
    setSending(true)
    try {
      const demand = await call('postDemand', {
        body: {
          category: leaf!.id,
          enum: Object.entries(enums)
            .filter(([, v]) => v.trim())
            .map(([k, v]) => `${k}:${v.trim()}`),
          range,
          region: [],
          quantity: qty,
          deadline: `${deadline}T23:59:59+08:00`,
          note: note.trim(),
          contact: phoneOrWechat,
        },
      })
      setSent(demand)
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 })
    } finally {
      setSending(false)
    }
  }

  return (
    <View className="trade-page" data-testid="demand-form">
      <View className="trade-card">
        <Text className="trade-card__title">需要什么产品</Text>
        <View className="trade-field">
          <Text className="trade-field__label">产品分类</Text>
          <Picker
            mode="selector"
            range={labels}
            onChange={(e) => {
              setCategoryIndex(Number(e.detail.value))
              edited('category')
            }}
          >
            <View className="trade-field__input" data-testid="demand-category">
              {leaf ? leaf.path : '请选择'}
            </View>
          </Picker>
          {errors.category ? <Text className="trade-field__error">{errors.category}</Text> : null}
        </View>
        {leaf?.params.map((p) =>
          p.kind === 'enum' ? (
            <View className="trade-field" key={p.key}>
              <Text className="trade-field__label">{p.key}</Text>
              <Input
                className="trade-field__input"
                data-testid={`demand-param-${p.key}`}
                placeholder="填写需要的取值，不限可不填"
                value={enums[p.key] ?? ''}
                onInput={(e) => setEnums({ ...enums, [p.key]: e.detail.value })}
              />
            </View>
          ) : (
            <View className="trade-field" key={p.key}>
              <Text className="trade-field__label">
                {p.key}
                {p.unit ? `（${p.unit}）` : ''}
              </Text>
              <View className="trade-range">
                <Input
                  className="trade-field__input"
                  type="digit"
                  placeholder="最小"
                  value={ranges[p.key]?.min ?? ''}
                  onInput={(e) => {
                    setRanges({ ...ranges, [p.key]: { min: e.detail.value, max: ranges[p.key]?.max ?? '' } })
                    edited(p.key)
                  }}
                />
                <Text>~</Text>
                <Input
                  className="trade-field__input"
                  type="digit"
                  placeholder="最大"
                  value={ranges[p.key]?.max ?? ''}
                  onInput={(e) => {
                    setRanges({ ...ranges, [p.key]: { min: ranges[p.key]?.min ?? '', max: e.detail.value } })
                    edited(p.key)
                  }}
                />
              </View>
              {errors[p.key] ? <Text className="trade-field__error">{errors[p.key]}</Text> : null}
            </View>
          ),
        )}
      </View>
      <View className="trade-card">
        <Text className="trade-card__title">采购信息</Text>
        <View className="trade-field">
          <Text className="trade-field__label">数量（件）</Text>
          <Input
            className="trade-field__input"
            type="number"
            data-testid="demand-quantity"
            value={quantity}
            onInput={(e) => {
              setQuantity(e.detail.value)
              edited('quantity')
            }}
          />
          {errors.quantity ? <Text className="trade-field__error">{errors.quantity}</Text> : null}
        </View>
        <View className="trade-field">
          <Text className="trade-field__label">截止日期</Text>
          <Picker
            mode="date"
            value={deadline}
            start={inDays(1)}
            end={inDays(DEMAND_LIMITS.maxDays)}
            onChange={(e) => {
              setDeadline(e.detail.value)
              edited('deadline')
            }}
          >
            <View className="trade-field__input">{deadline}</View>
          </Picker>
          {errors.deadline ? <Text className="trade-field__error">{errors.deadline}</Text> : null}
        </View>
        <View className="trade-field">
          <Text className="trade-field__label">补充说明</Text>
          <Textarea
            className="trade-field__input"
            maxlength={DEMAND_LIMITS.note}
            placeholder="用途、认证、交期等（选填）"
            value={note}
            onInput={(e) => setNote(e.detail.value)}
          />
        </View>
        <View className="trade-field">
          <Text className="trade-field__label">联系方式（仅匹配的供应商可见）</Text>
          <Input
            className="trade-field__input"
            data-testid="demand-contact"
            maxlength={DEMAND_LIMITS.contact}
            placeholder="手机号、座机号或微信号"
            value={contact}
            onInput={(e) => {
              setContact(e.detail.value)
              edited('contact')
            }}
          />
          {errors.contact ? <Text className="trade-field__error">{errors.contact}</Text> : null}
        </View>
        <Button
          className="trade-submit"
          loading={sending}
          disabled={sending}
          data-testid="demand-submit"
          onClick={() => void submit()}
        >
          发布求购
        </Button>
      </View>
    </View>
  )
}

/** 发布求购: a category, parameter constraints, quantity, deadline, note and contact; a success state after. */
export default function DemandNewPage() {
  return (
    <SignedIn>
      <DemandForm />
    </SignedIn>
  )
}

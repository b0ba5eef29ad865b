import { useEffect, useState } from 'react'
import { SearchErrors } from '@chuangan/shared/errors'
import { INQUIRY_LIMITS } from '@chuangan/shared/limits'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { InquiryView } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { ApiRequestError, call, errorMessage } from '@/api/client'
import { useSession } from '@/auth/session'
import { useResource } from '@/hooks/useResource'
import { flag } from '@/utils/flag'
import { openPage, param } from '@/utils/nav'
import { INQUIRIES_PAGE, ME_PAGE, inquiryUrl } from '@/utils/paths'
import { askSubscribe, prefetchSubscriptions } from '@/utils/subscribe'
import { chinaToday, validate, type FormErrors, type InquiryForm } from './validate'
import './index.css'

const fetchProduct = (id: string) => call('product', { params: { id } })

/** The field a server error names (`body.contact` → contact), for a message under it. */
function fieldOf(error: unknown): keyof InquiryForm | null {
  if (!(error instanceof ApiRequestError)) return null
  const path = error.details?.[0]?.path ?? ''
  const name = path.replace(/^body\./, '') as keyof InquiryForm
  return ['quantity', 'targetPrice', 'deadline', 'note', 'contact'].includes(name) ? name : null
}

function Field({
  label,
  required,
  error,
  children,
  testId,
}: {
  label: string
  required?: boolean
  error?: string
  children: React.ReactNode
  testId: string
}) {
  return (
    <View className={`inquiry-field${error ? ' inquiry-field--error' : ''}`} data-testid={testId}>
      <Text className="inquiry-field__label">
        {label}
        {required ? <Text className="inquiry-field__required"> *</Text> : null}
      </Text>
      <View className="inquiry-field__control">{children}</View>
      {error ? (
        <Text className="inquiry-field__error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

function Sent({ inquiry }: { inquiry: InquiryView }) {
  return (
    <View className="inquiry-sent" data-testid="inquiry-sent" data-id={inquiry.id}>
      <Text className="inquiry-sent__icon">✓</Text>
      <Text className="inquiry-sent__title">询价已发送</Text>
      <Text className="inquiry-sent__text">
        {inquiry.supplier.name} 会尽快报价，报价后你会在「消息」中收到通知。联系方式仅该供应商可见。
      </Text>
      <Button
        className="inquiry-submit"
        data-testid="inquiry-open"
        onClick={() => void openPage(inquiryUrl(inquiry.id))}
      >
        查看询价
      </Button>
      <Button className="inquiry-secondary" onClick={() => void openPage(INQUIRIES_PAGE)}>
        我的询价
      </Button>
    </View>
  )
}

/** 询价: the buyer's form, opened from a product page; checked here and again by the server; a success state. */
export default function InquiryFormPage() {
  const { params } = useRouter()
  const raw = param(params.productId)
  const id = raw && /^\d+$/.test(raw) ? raw : null
  const session = useSession()
  const { state, reload } = useResource(id, fetchProduct, SearchErrors.PRODUCT_NOT_FOUND)
  const [form, setForm] = useState<InquiryForm>({ quantity: '', targetPrice: '', deadline: '', note: '', contact: '' })
  const [errors, setErrors] = useState<FormErrors>({})
  const [busy, setBusy] = useState(false)
  const [sent, setSent] = useState<InquiryView | null>(null)
  const userId = session?.user.id ?? null
  // The prompt for the answer's notice opens on the tap: know the templates before it.
  useEffect(() => prefetchSubscriptions(userId), [userId])

  const product = state.status === 'ready' ? state.data : null
  const set = (key: keyof InquiryForm) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
  }

  if (!session) {
    return (
      <StatusView
        title="请先登录"
        description="登录后即可向供应商询价"
        action={{ label: '去登录', onClick: () => void openPage(ME_PAGE) }}
      />
    )
  }
  if (state.status === 'loading') return <Skeleton className="inquiry-skeleton" blocks={3} />
  if (state.status === 'not-found') return <StatusView title={SearchErrors.PRODUCT_NOT_FOUND.message} />
  if (state.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={() => void reload()} />
  }
  if (sent) return <Sent inquiry={sent} />
  if (!product) return null

  const submit = async () => {
    if (busy) return
    const checked = validate({ ...form, quantity: form.quantity || String(Math.max(product.moq, 1)) })
    setErrors(checked.errors)
    if (!checked.body) return
    // WeChat's prompt for the answer's notice opens in the tap's own turn (see utils/subscribe.ts).
    const prompt = askSubscribe('inquiry')
    setBusy(true)
    try {
      const inquiry = await call('createInquiry', { params: { id: product.id }, body: checked.body })
      await prompt
      setSent(inquiry)
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    } catch (error) {
      const field = fieldOf(error)
      if (field) setErrors({ [field]: errorMessage(error) })
      else void Taro.showToast({ title: errorMessage(error), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="inquiry-form" data-testid="inquiry-form">
      <View className="inquiry-product card" data-testid="inquiry-product">
        <Text className="inquiry-product__model">{product.model}</Text>
        <Text className="inquiry-product__name">{product.name}</Text>
        <Text className="inquiry-product__supplier">
          {product.supplier.name} · 起订量 {product.moq}
        </Text>
      </View>
      <View className="card inquiry-fields">
        <Field label="采购数量" required error={errors.quantity} testId="inquiry-quantity">
          <Input
            className="inquiry-input"
            type="number"
            value={form.quantity}
            placeholder={`至少 1，起订量 ${product.moq}`}
            onInput={(e) => set('quantity')(e.detail.value)}
          />
        </Field>
        <Field label="目标单价（元）" error={errors.targetPrice} testId="inquiry-price">
          <Input
            className="inquiry-input"
            type="digit"
            value={form.targetPrice}
            placeholder="选填"
            onInput={(e) => set('targetPrice')(e.detail.value)}
          />
        </Field>
        <Field label="期望报价截止" error={errors.deadline} testId="inquiry-deadline">
          <Picker
            mode="date"
            value={form.deadline || chinaToday()}
            start={chinaToday()}
            onChange={(e) => set('deadline')(String(e.detail.value))}
          >
            <Text className={`inquiry-input inquiry-picker${form.deadline ? '' : ' inquiry-picker--empty'}`}>
              {form.deadline || '选填，选择日期'}
            </Text>
          </Picker>
        </Field>
        <Field label="联系方式" required error={errors.contact} testId="inquiry-contact">
          <Input
            className="inquiry-input"
            value={form.contact}
            maxlength={INQUIRY_LIMITS.contact}
            placeholder="手机号或微信号，仅该供应商可见"
            onInput={(e) => set('contact')(e.detail.value)}
          />
        </Field>
        <Field label="备注" error={errors.note} testId="inquiry-note">
          <Textarea
            className="inquiry-textarea"
            value={form.note}
            maxlength={INQUIRY_LIMITS.note}
            placeholder="选填：型号要求、含税、交货地等"
            onInput={(e) => set('note')(e.detail.value.slice(0, INQUIRY_LIMITS.note))}
          />
          <Text className="inquiry-count">
            {form.note.length}/{INQUIRY_LIMITS.note}
          </Text>
        </Field>
      </View>
      <Text className="inquiry-hint">联系方式只展示给 {product.supplier.name}，不会公开。</Text>
      <Button
        className="inquiry-submit"
        data-testid="inquiry-submit"
        disabled={flag(busy)}
        loading={flag(busy)}
        onClick={() => void submit()}
      >
        发送询价
      </Button>
    </View>
  )
}

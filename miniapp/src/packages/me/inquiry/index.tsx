import { useState } from 'react'
import { InquiryErrors } from '@chuangan/shared/errors'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { InquiryView } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { useResource } from '@/hooks/useResource'
import { formatRelativeDate } from '@/utils/date'
import { flag } from '@/utils/flag'
import { openPage, param } from '@/utils/nav'
import { productUrl } from '@/utils/paths'
import SignedIn from '../components/SignedIn'
import { INQUIRY_STATUS_LABEL, closedLine, yuan } from '../inquiry-status'
import '../me.css'

const fetchInquiry = (id: string) => call('myInquiry', { params: { id } })

function Line({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="inquiry-line" data-testid={testId}>
      <Text className="inquiry-line__label">{label}</Text>
      <Text className="inquiry-line__value">{value}</Text>
    </View>
  )
}

function Detail({ initial, reload }: { initial: InquiryView; reload: () => Promise<void> }) {
  const [inquiry, setInquiry] = useState(initial)
  const [busy, setBusy] = useState<'accept' | 'close' | null>(null)
  const open = inquiry.status === 'submitted' || inquiry.status === 'answered'

  const act = async (action: 'accept' | 'close') => {
    if (busy) return
    if (action === 'close') {
      const { confirm } = await Taro.showModal({
        title: '关闭询价？',
        content: '关闭后供应商将不能再报价',
        confirmText: '关闭',
      })
      if (!confirm) return
    }
    setBusy(action)
    try {
      const next = await call(action === 'accept' ? 'acceptInquiry' : 'closeMyInquiry', { params: { id: inquiry.id } })
      setInquiry(next)
      void Taro.showToast({ title: action === 'accept' ? '已接受报价' : '询价已关闭', icon: 'success' })
    } catch (error) {
      showErrorToast(error)
      void reload()
    } finally {
      setBusy(null)
    }
  }

  const closed = closedLine(inquiry)
  return (
    <View className="inquiry-detail" data-testid="inquiry-detail" data-status={inquiry.status}>
      <View className="card inquiry-detail__head" onClick={() => void openPage(productUrl(inquiry.product.id))}>
        <View className="inquiry-row__head">
          <Text className="inquiry-row__model">{inquiry.product.model}</Text>
          <Text className={`inquiry-badge inquiry-badge--${inquiry.status}`} data-testid="inquiry-badge">
            {INQUIRY_STATUS_LABEL[inquiry.status]}
          </Text>
        </View>
        <Text className="inquiry-row__supplier">
          {inquiry.product.name} · {inquiry.supplier.name}
        </Text>
      </View>

      <View className="card inquiry-section" data-testid="inquiry-answer">
        <Text className="inquiry-section__title">供应商报价</Text>
        {inquiry.answer ? (
          <>
            <View className="inquiry-quote">
              <Text className="inquiry-quote__price" data-testid="inquiry-answer-price">
                {yuan(inquiry.answer.price)}
              </Text>
              <Text className="inquiry-quote__unit">/件</Text>
            </View>
            <Line label="交期" value={`${inquiry.answer.leadTimeDays} 天`} testId="inquiry-answer-lead" />
            <Line label="合计（参考）" value={yuan(inquiry.answer.price * inquiry.quantity)} />
            {inquiry.answer.note ? (
              <Line label="说明" value={inquiry.answer.note} testId="inquiry-answer-note" />
            ) : null}
            <Line label="报价时间" value={formatRelativeDate(inquiry.answer.answeredAt)} />
          </>
        ) : (
          <Text className="inquiry-section__empty">供应商尚未报价，报价后会在「消息」中通知你</Text>
        )}
      </View>

      <View className="card inquiry-section">
        <Text className="inquiry-section__title">我的询价</Text>
        <Line label="采购数量" value={String(inquiry.quantity)} />
        <Line label="目标单价" value={inquiry.targetPrice === null ? '未填写' : yuan(inquiry.targetPrice)} />
        <Line label="报价截止" value={inquiry.deadline ?? '未填写'} />
        <Line label="联系方式" value={inquiry.contact ?? '—'} />
        {inquiry.note ? <Line label="备注" value={inquiry.note} /> : null}
        <Line label="发送时间" value={formatRelativeDate(inquiry.createdAt)} />
      </View>

      {closed ? <Text className="inquiry-closed">{closed}</Text> : null}
      {open ? (
        <View className="inquiry-actions">
          <Button
            className="inquiry-action inquiry-action--close"
            data-testid="inquiry-close"
            disabled={flag(busy !== null)}
            loading={flag(busy === 'close')}
            onClick={() => void act('close')}
          >
            关闭询价
          </Button>
          {inquiry.status === 'answered' ? (
            <Button
              className="inquiry-action inquiry-action--accept"
              data-testid="inquiry-accept"
              disabled={flag(busy !== null)}
              loading={flag(busy === 'accept')}
              onClick={() => void act('accept')}
            >
              接受报价
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

function InquiryDetail() {
  const { params } = useRouter()
  const raw = param(params.id)
  const id = raw && /^\d+$/.test(raw) ? raw : null
  const { state, reload } = useResource(id, fetchInquiry, InquiryErrors.INQUIRY_NOT_FOUND)
  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh())
  })
  if (state.status === 'loading') return <Skeleton className="list-skeleton" blocks={3} />
  if (state.status === 'not-found') return <StatusView title={InquiryErrors.INQUIRY_NOT_FOUND.message} />
  if (state.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={() => void reload()} />
  }
  if (state.status !== 'ready') return null
  return <Detail key={state.data.updatedAt} initial={state.data} reload={reload} />
}

/** One of my inquiries: what I asked, the supplier's answer, 接受报价 / 关闭询价 while it is open. */
export default function InquiryPage() {
  return (
    <SignedIn>
      <InquiryDetail />
    </SignedIn>
  )
}

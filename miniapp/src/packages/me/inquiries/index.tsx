import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { InquiryPage, InquiryStatus, InquiryView } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import ListFooter from '@/components/ListFooter'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { formatRelativeDate } from '@/utils/date'
import { openPage } from '@/utils/nav'
import { SEARCH_PAGE, inquiryUrl } from '@/utils/paths'
import SignedIn from '../components/SignedIn'
import { INQUIRY_STATUS_LABEL, yuan } from '../inquiry-status'
import '../me.css'

const TABS: Array<{ key: InquiryStatus | 'all'; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'submitted', label: '待报价' },
  { key: 'answered', label: '已报价' },
  { key: 'accepted', label: '已接受' },
  { key: 'closed', label: '已关闭' },
]

function Row({ inquiry }: { inquiry: InquiryView }) {
  return (
    <View
      className="inquiry-row card"
      data-testid="inquiry-row"
      data-id={inquiry.id}
      data-status={inquiry.status}
      hoverClass="card--hover"
      onClick={() => void openPage(inquiryUrl(inquiry.id))}
    >
      <View className="inquiry-row__head">
        <Text className="inquiry-row__model">{inquiry.product.model}</Text>
        <Text className={`inquiry-badge inquiry-badge--${inquiry.status}`} data-testid="inquiry-badge">
          {INQUIRY_STATUS_LABEL[inquiry.status]}
        </Text>
      </View>
      <Text className="inquiry-row__supplier">{inquiry.supplier.name}</Text>
      <View className="inquiry-row__foot">
        <Text className="inquiry-row__meta">
          数量 {inquiry.quantity}
          {inquiry.answer ? ` · 报价 ${yuan(inquiry.answer.price)} · 交期 ${inquiry.answer.leadTimeDays} 天` : ''}
        </Text>
        <Text className="inquiry-row__time">{formatRelativeDate(inquiry.createdAt)}</Text>
      </View>
    </View>
  )
}

function MyInquiries() {
  const [tab, setTab] = useState<InquiryStatus | 'all'>('all')
  const list = usePagedList<InquiryView, InquiryPage>(`my-inquiries:${tab}`, (cursor) =>
    call('myInquiries', { query: { limit: PAGE_SIZE, cursor, ...(tab === 'all' ? {} : { status: tab }) } }),
  )
  // Back from an inquiry that was accepted or closed there: show its new state.
  useDidShow(() => {
    if (list.status === 'ready') void list.reload()
  })
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  let body
  if (list.status === 'loading') body = <Skeleton className="list-skeleton" blocks={4} />
  else if (list.status === 'error') {
    body = <StatusView title="加载失败" description={errorMessage(list.error)} onRetry={() => void list.reload()} />
  } else if (list.items.length === 0) {
    body =
      tab === 'all' ? (
        <StatusView
          title="还没有询价"
          description="在传感搜的产品页点「询价」，供应商报价后会通知你"
          action={{ label: '去传感搜', onClick: () => void openPage(SEARCH_PAGE) }}
        />
      ) : (
        <StatusView title={`没有${INQUIRY_STATUS_LABEL[tab]}的询价`} />
      )
  } else {
    body = (
      <>
        <View className="me-rows">
          {list.items.map((inquiry) => (
            <Row key={inquiry.id} inquiry={inquiry} />
          ))}
        </View>
        <ListFooter {...list} />
      </>
    )
  }

  return (
    <View className="me-list-page">
      <View className="inquiry-tabs" data-testid="inquiry-tabs">
        {TABS.map((t) => (
          <Text
            key={t.key}
            className={`inquiry-tab${t.key === tab ? ' inquiry-tab--on' : ''}`}
            data-testid={`inquiry-tab-${t.key}`}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </Text>
        ))}
      </View>
      {body}
    </View>
  )
}

/** 我的询价: my inquiries, newest first, with their state; a tab per state; a tap opens one. */
export default function MyInquiriesPage() {
  return (
    <SignedIn>
      <MyInquiries />
    </SignedIn>
  )
}

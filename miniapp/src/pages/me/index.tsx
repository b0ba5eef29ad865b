import StatusView from '@/components/StatusView'

export default function MePage() {
  return <StatusView title="我的" description="登录后可查看收藏、关注和消息，登录功能即将上线" />
}

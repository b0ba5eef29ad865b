import StatusView from '@/components/StatusView'

export default function SearchPage() {
  return <StatusView title="传感搜即将上线" description="按型号、参数和厂商查找传感器，敬请期待" />
}

export default definePageConfig({ navigationBarTitleText: '传感搜' })

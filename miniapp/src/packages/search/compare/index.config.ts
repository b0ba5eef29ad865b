export default definePageConfig({
  navigationBarTitleText: '产品对比',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})

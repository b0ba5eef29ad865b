export default definePageConfig({
  navigationBarTitleText: '供应商',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

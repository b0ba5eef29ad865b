export default definePageConfig({
  navigationBarTitleText: '我的询价',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

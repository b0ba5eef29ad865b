export default definePageConfig({
  navigationBarTitleText: '订阅的搜索',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

export default definePageConfig({
  navigationBarTitleText: '传感搜',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

export default definePageConfig({
  navigationBarTitleText: '收藏夹',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

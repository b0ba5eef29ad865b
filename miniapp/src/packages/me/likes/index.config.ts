export default definePageConfig({
  navigationBarTitleText: '我的点赞',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

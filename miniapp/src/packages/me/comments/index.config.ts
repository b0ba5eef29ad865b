export default definePageConfig({
  navigationBarTitleText: '我的评论',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

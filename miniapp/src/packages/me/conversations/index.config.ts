export default definePageConfig({
  navigationBarTitleText: '我的私信',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

export default definePageConfig({
  navigationBarTitleText: '专栏',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

export default definePageConfig({
  navigationBarTitleText: '求购详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

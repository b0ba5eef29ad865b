export default definePageConfig({
  navigationBarTitleText: '询价详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})

export default definePageConfig({
  navigationBarTitleText: '私信',
  backgroundTextStyle: 'dark',
})

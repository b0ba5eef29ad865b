export default definePageConfig({
  navigationBarTitleText: '询价',
})

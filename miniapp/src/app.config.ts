export default defineAppConfig({
  pages: ['pages/index/index', 'pages/search/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/content',
      pages: [
        'article/index',
        'author/index',
        'column/index',
        'tag/index',
        'periodicals/index',
        'periodical/index',
        'conversation/index',
      ],
    },
    {
      root: 'packages/me',
      pages: [
        'folders/index',
        'folder/index',
        'comments/index',
        'likes/index',
        'privacy/index',
        'notices/index',
        'conversations/index',
        'inquiries/index',
        'inquiry/index',
        'saved-searches/index',
      ],
    },
    { root: 'packages/search', pages: ['product/index', 'supplier/index', 'compare/index', 'inquiry/index'] },
    { root: 'packages/trade', pages: ['demand-new/index', 'demands/index', 'demand/index'] },
  ],
  // Inject only the components a page uses, and fetch each subpackage while its entry tab is open
  // (the feed links to articles, authors and columns; 我的 to folders, comments and likes; 传感搜 to products).
  lazyCodeLoading: 'requiredComponents',
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/content'] },
    'pages/me/index': { network: 'all', packages: ['packages/me'] },
    'pages/search/index': { network: 'all', packages: ['packages/search'] },
  },
  window: {
    navigationBarTitleText: '传感说',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#1f6feb',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/search/index',
        text: '传感搜',
        iconPath: 'assets/tabbar/search.png',
        selectedIconPath: 'assets/tabbar/search-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
})

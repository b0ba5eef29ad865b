import { Text, View } from '@tarojs/components'
import '../me.css'

const SECTIONS: { title: string; body: string[] }[] = [
  {
    title: '我们处理哪些信息',
    body: [
      '登录：微信为本小程序生成的用户标识（openid，及已绑定开放平台时的 unionid），用于识别你的账号。',
      '头像和昵称：仅在你主动设置时收集，用于在评论中展示。',
      '你的点赞、评论、回复、举报和收藏夹：用于向你展示并统计文章的点赞、评论和收藏数。',
      '匿名阅读标识：本机生成的随机编号，只用于统计阅读数，不与你的身份关联。',
    ],
  },
  {
    title: '我们如何使用',
    body: [
      '评论、回复和昵称在展示前会经过微信内容安全检测及我们的关键词过滤，疑似违规内容会进入人工审核。',
      '我们不会出售你的信息，也不会用于与上述功能无关的用途。',
    ],
  },
  {
    title: '你的权利',
    body: [
      '你可以随时在「我的」页修改头像和昵称、删除自己的评论和收藏夹。',
      '你可以在「我的」页注销账号：昵称、头像、点赞和收藏夹将被删除，已发表的评论保留但显示为「已注销用户」。',
    ],
  },
]

/** 传感说用户隐私保护指引 (the H5 build's copy; the mini-program opens WeChat's own with wx.openPrivacyContract). */
export default function PrivacyPage() {
  return (
    <View className="privacy-page">
      <Text className="privacy-page__title">传感说用户隐私保护指引</Text>
      {SECTIONS.map((section) => (
        <View key={section.title} className="privacy-page__section">
          <Text className="privacy-page__heading">{section.title}</Text>
          {section.body.map((line) => (
            <Text key={line} className="privacy-page__line">
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}

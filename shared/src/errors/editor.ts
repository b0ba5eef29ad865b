import { defineErrors } from './define'

/** The editor API: articles as authors and editors work on them, and the catalogue (authors, columns, tags, …). */
export const EditorErrors = defineErrors({
  /** Missing, or another author's article (authors cannot probe ids). */
  EDITOR_ARTICLE_NOT_FOUND: { status: 404, message: '文章不存在' },
  /** Authors edit their drafts only. */
  ARTICLE_NOT_EDITABLE: { status: 403, message: '已提交或已发布的文章只能由编辑修改' },
  BYLINE_LOCKED: { status: 403, message: '作者不能更改文章的署名' },
  NO_AUTHOR_PROFILE: { status: 403, message: '你的账号还没有关联作者身份，请联系编辑' },
  NOT_OWN_AUTHOR: { status: 403, message: '只能以自己的作者身份写文章' },
  /** `userId` names no user. */
  UNKNOWN_USER: { status: 400, message: '用户不存在' },
  AUTHOR_SLUG_TAKEN: { status: 409, message: '作者标识已被占用' },
  COLUMN_SLUG_TAKEN: { status: 409, message: '栏目标识已被占用' },
  TAG_NAME_TAKEN: { status: 409, message: '标签已存在' },
  PERIODICAL_SLUG_TAKEN: { status: 409, message: '期刊标识已被占用' },
  ISSUE_NUMBER_TAKEN: { status: 409, message: '该期号已存在' },
  /** An issue lists published articles only. */
  ISSUE_ARTICLES_UNPUBLISHED: { status: 400, message: '这些文章不存在或未发布：{ids}' },
})

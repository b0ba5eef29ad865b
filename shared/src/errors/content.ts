import { defineErrors } from './define'

// The same words for a missing thing named in the path (404) and in the body (400 on that field).
const NO_AUTHOR = '作者不存在'
const NO_COLUMN = '栏目不存在'

/** Articles, authors, columns, tags and periodicals: reading them, and writing articles (editor API, importer). */
export const ContentErrors = defineErrors({
  /** Missing, or not published (a draft, scheduled or archived article looks the same to readers). */
  ARTICLE_NOT_FOUND: { status: 404, message: '文章不存在或已下线' },
  AUTHOR_NOT_FOUND: { status: 404, message: NO_AUTHOR },
  COLUMN_NOT_FOUND: { status: 404, message: NO_COLUMN },
  TAG_NOT_FOUND: { status: 404, message: '标签不存在' },
  PERIODICAL_NOT_FOUND: { status: 404, message: '期刊不存在' },

  /** `authorId` names no author. */
  UNKNOWN_AUTHOR: { status: 400, message: NO_AUTHOR },
  /** An article needs an author (editors name one; authors write as themselves). */
  AUTHOR_REQUIRED: { status: 400, message: '请指定作者' },
  /** `columnId` names no column. */
  UNKNOWN_COLUMN: { status: 400, message: NO_COLUMN },
  BODY_REQUIRED: { status: 400, message: '请填写正文' },
  /** Nothing was left of the body once sanitised. */
  BODY_EMPTY: { status: 400, message: '正文清理后为空' },
  ARTICLE_SLUG_TAKEN: { status: 409, message: '该文章标识（slug）已被占用' },
  SCHEDULE_NOT_IN_FUTURE: { status: 400, message: '定时发布的时间必须晚于现在' },
  ALREADY_PUBLISHED: { status: 409, message: '文章已发布，不能再定时发布' },
})

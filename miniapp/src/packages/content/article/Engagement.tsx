import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ArticleDetail, CommentPage, CommentView, ViewerState } from '@chuangan/shared'
import { REPORT_REASONS, type ReportReason } from '@chuangan/shared/limits'
import { call, showErrorToast } from '@/api/client'
import { signInFirst } from '@/auth/signIn'
import { Text, View } from '@tarojs/components'
import { blockedInSinglePage } from '@/utils/nav'
import { isSinglePageMode } from '@/utils/scene'
import ActionBar from './ActionBar'
import CommentSection from './comments/CommentSection'
import Composer, { type ReplyTarget } from './comments/Composer'
import { useComments } from './comments/useComments'
import FolderSheet from '@/components/FolderSheet'
import LoginSheet from './LoginSheet'
import ShareSheet from './ShareSheet'
// after LoginSheet: its CSS order must match 我的 (DevLoginForm, then the popup) for one shared stylesheet
import PrivacyPopup from '@/components/PrivacyPopup'
import { signedOut, useViewer } from './useViewer'
import './engagement.css'

/** 举报 reasons as the action sheet lists them, in the contract's order (WeChat shows at most 6). */
const REPORT_LABEL: Record<ReportReason, string> = {
  spam: '垃圾广告',
  abuse: '辱骂攻击',
  porn: '色情低俗',
  illegal: '违法违规',
  misinformation: '不实信息',
  other: '其他',
}

/**
 * What the article page route brought beside the article: the caller's state (null: signed out) and the first 最热
 * comment page, made for `userId` (who was signed in when it was asked for; null for nobody).
 */
export interface FirstLoad {
  viewer: ViewerState | null
  comments: CommentPage
  userId: number | null
}

/** WeChat's own bar at the bottom of single-page mode: its button says 前往小程序. */
export const OPEN_APP_HINT = '点赞、评论和收藏，请点击底部「前往小程序」'

/**
 * Single-page mode (Moments) has WeChat's bar at the bottom and none of our actions: one line says where they are,
 * in place of our action bar.
 */
function OpenAppHint() {
  return (
    <View className="open-app-hint" data-testid="open-app-hint">
      <Text className="open-app-hint__text">{OPEN_APP_HINT}</Text>
    </View>
  )
}

/**
 * Everything a reader does around the article: the action bar (点赞, 评论, 收藏, 分享), the comments, the composer,
 * the folder sheet and the share sheet. Loading never signs in; every action first checks single-page mode (a hint
 * instead), then signs in (silently in weapp, the sign-in sheet in H5), then acts.
 */
export default function Engagement({ article, first }: { article: ArticleDetail; first?: FirstLoad }) {
  const viewer = useViewer(
    article.id,
    article.counts,
    first && {
      userId: first.userId,
      // signed out: the article's counts, with the comment page's exact total and closed
      state: first.viewer ?? {
        ...signedOut(article.counts),
        comments: first.comments.total,
        commentsClosed: first.comments.closed,
      },
    },
  )
  const comments = useComments(
    article.id,
    (page) => viewer.inform({ comments: page.total, commentsClosed: page.closed }),
    first && { page: first.comments, userId: first.userId },
  )
  const [composer, setComposer] = useState<{ open: boolean; replyTo: ReplyTarget | null }>({
    open: false,
    replyTo: null,
  })
  const [collecting, setCollecting] = useState(false)
  const [sharing, setSharing] = useState(false)
  const liking = useRef(false)
  const closed = viewer.state.commentsClosed || comments.closed

  /** Runs `action` for a signed-in reader; false when it cannot (single-page mode, sign-in refused or failed). */
  const signedIn = async (): Promise<boolean> => {
    if (blockedInSinglePage()) return false
    try {
      await signInFirst()
      return true
    } catch (error) {
      showErrorToast(error)
      return false
    }
  }

  const toggleLike = async () => {
    if (liking.current) return
    liking.current = true
    const end = viewer.begin()
    try {
      if (!(await signedIn())) return
      const before = viewer.current()
      const liked = !before.liked
      viewer.patch({ liked, likes: Math.max(0, before.likes + (liked ? 1 : -1)) })
      try {
        viewer.patch(await call(liked ? 'likeArticle' : 'unlikeArticle', { params: { id: article.id } }))
      } catch (error) {
        viewer.patch({ liked: before.liked, likes: before.likes })
        showErrorToast(error)
      }
    } finally {
      end()
      liking.current = false
    }
  }

  /** 完成 in the folder sheet: optimistic, rolled back when the API refuses. */
  const collect = async (folderIds: number[], holding: number[]) => {
    const end = viewer.begin()
    const before = viewer.current()
    const was = holding.length > 0
    const will = folderIds.length > 0
    viewer.patch({ folderIds, favorites: Math.max(0, before.favorites + (will ? 1 : 0) - (was ? 1 : 0)) })
    try {
      const result = await call('collectArticle', { params: { id: article.id }, body: { folderIds } })
      viewer.patch({ folderIds: result.folderIds, favorites: result.favorites })
      void Taro.showToast({ title: will ? '已收藏' : '已取消收藏', icon: 'success' })
    } catch (error) {
      viewer.patch({ folderIds: before.folderIds, favorites: before.favorites })
      showErrorToast(error)
    } finally {
      end()
    }
  }

  const openCollect = async () => {
    if (await signedIn()) setCollecting(true)
  }

  // sharing needs no sign-in: a signed-out reader's share just carries no sharer code
  const openShare = () => {
    if (!blockedInSinglePage()) setSharing(true)
  }

  const openComposer = async (replyTo: ReplyTarget | null) => {
    if (closed) {
      void Taro.showToast({ title: '评论已关闭', icon: 'none' })
      return
    }
    if (await signedIn()) setComposer({ open: true, replyTo })
  }

  const submitComment = async (content: string): Promise<boolean> => {
    try {
      const replyTo = composer.replyTo?.id
      const comment = await call('createComment', {
        params: { id: article.id },
        body: replyTo ? { content, replyTo } : { content },
      })
      comments.add(comment)
      if (comment.status === 'published') viewer.inform({ comments: viewer.current().comments + 1 })
      setComposer({ open: false, replyTo: null })
      void Taro.showToast(
        comment.status === 'pending'
          ? { title: '已提交，审核通过后公开', icon: 'none', duration: 2500 }
          : { title: '发布成功', icon: 'success' },
      )
      return true
    } catch (error) {
      // a refused comment (422 risky, 429 too many) keeps the text for another try
      showErrorToast(error)
      return false
    }
  }

  const vote = async (comment: CommentView, kind: 'like' | 'dislike') => {
    if (await signedIn()) await comments.vote(comment, kind)
  }

  const remove = async (comment: CommentView) => {
    if (blockedInSinglePage()) return
    const { confirm } = await Taro.showModal({
      title: '删除评论',
      content: comment.rootId === null ? '确定删除这条评论吗？' : '确定删除这条回复吗？',
      confirmText: '删除',
      confirmColor: '#f53f3f',
    })
    if (!confirm) return
    try {
      await comments.remove(comment)
      if (comment.status === 'published') viewer.inform({ comments: Math.max(0, viewer.current().comments - 1) })
      void Taro.showToast({ title: '已删除', icon: 'success' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  const report = async (comment: CommentView) => {
    if (!(await signedIn())) return
    let tapIndex: number
    try {
      tapIndex = (await Taro.showActionSheet({ itemList: REPORT_REASONS.map((reason) => REPORT_LABEL[reason]) }))
        .tapIndex
    } catch {
      return // sheet dismissed
    }
    const reason = REPORT_REASONS[tapIndex]
    if (!reason) return
    try {
      await call('reportComment', { params: { id: comment.id }, body: { reason } })
      void Taro.showToast({ title: '已举报，我们会尽快处理', icon: 'none' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  const actions = {
    onVote: (c: CommentView, kind: 'like' | 'dislike') => void vote(c, kind),
    onReply: (c: CommentView) => void openComposer({ id: c.id, name: c.author.name }),
    onDelete: (c: CommentView) => void remove(c),
    onReport: (c: CommentView) => void report(c),
  }

  const singlePage = isSinglePageMode()
  return (
    <>
      {singlePage ? <OpenAppHint /> : null}
      <CommentSection
        comments={comments}
        count={viewer.state.comments}
        closed={closed}
        onWrite={() => void openComposer(null)}
        {...actions}
      />
      {singlePage ? null : (
        <ActionBar
          state={viewer.state}
          onLike={() => void toggleLike()}
          onComment={() => void openComposer(null)}
          onCollect={() => void openCollect()}
          onShare={openShare}
        />
      )}
      <Composer
        key={composer.replyTo?.id ?? 'article'}
        open={composer.open}
        replyTo={composer.replyTo}
        onClose={() => setComposer((prev) => ({ ...prev, open: false }))}
        onSubmit={submitComment}
      />
      {collecting ? (
        <FolderSheet
          holding={() => call('viewerState', { params: { id: article.id } }).then((v) => v.folderIds)}
          onClose={() => setCollecting(false)}
          onDone={(ids, holding) => void collect(ids, holding)}
        />
      ) : null}
      {sharing ? <ShareSheet articleId={article.id} onClose={() => setSharing(false)} /> : null}
      <LoginSheet />
      <PrivacyPopup />
    </>
  )
}

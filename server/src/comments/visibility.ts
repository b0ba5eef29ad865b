import { Brackets, type WhereExpressionBuilder } from 'typeorm'
import type { User } from '../users/user.entity'
import type { Comment } from './comment.entity'

/** Who is looking: a signed-in user (id and role), or null when anonymous. */
export type Viewer = Pick<User, 'id' | 'role'> | null

export const isEditor = (viewer: Viewer): boolean => viewer?.role === 'editor'

/**
 * Who sees what:
 * - published: everyone;
 * - pending (审核中): its writer and editors;
 * - hidden: its writer and editors (a hidden top-level comment that has published replies stays in the list for
 *   everyone else as a placeholder, so the replies stay readable);
 * - deleted: nobody (a deleted top-level comment with published replies shows as the placeholder 该评论已删除).
 */
export function canSee(comment: Pick<Comment, 'status' | 'userId'>, viewer: Viewer): boolean {
  if (comment.status === 'published') return true
  if (comment.status === 'deleted') return false
  return viewer !== null && (viewer.id === comment.userId || isEditor(viewer))
}

/**
 * A top-level comment in a list: published, or pending and the viewer's own (or the viewer edits), or a placeholder
 * for a hidden or deleted comment that has published replies. (Writers find their hidden comments under 我的.)
 */
export function threadVisible(root: Pick<Comment, 'status' | 'userId' | 'replyCount'>, viewer: Viewer): boolean {
  if (root.status === 'deleted' || root.status === 'hidden') return root.replyCount > 0
  return canSee(root, viewer)
}

/** The SQL of threadVisible for the top-level comments of a list (alias `c`). */
export function threadVisibleWhere(viewer: Viewer): Brackets {
  return new Brackets((w) => {
    w.where('c.status = :published', { published: 'published' }).orWhere(
      'c.status IN (:...gone) AND c.replyCount > 0',
      { gone: ['deleted', 'hidden'] },
    )
    ownPending(w, viewer)
  })
}

/** The SQL of canSee for replies in a thread (alias `c`); hidden and deleted replies are left out. */
export function replyVisibleWhere(viewer: Viewer): Brackets {
  return new Brackets((w) => {
    w.where('c.status = :published', { published: 'published' })
    ownPending(w, viewer)
  })
}

function ownPending(w: WhereExpressionBuilder, viewer: Viewer): void {
  if (isEditor(viewer)) w.orWhere('c.status = :pending', { pending: 'pending' })
  else if (viewer)
    w.orWhere('c.status = :pending AND c.userId = :viewerId', { pending: 'pending', viewerId: viewer.id })
}

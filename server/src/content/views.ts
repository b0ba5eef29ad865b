import type { ArticleBrief, AuthorRef, ColumnRef } from '@chuangan/shared'
import type { Article } from './article.entity'
import type { Author } from './author.entity'
import type { ContentColumn } from './column.entity'

/** One mapping per entity to its wire shape: no entity leaks to a response. */
export const authorRef = (a: Author): AuthorRef => ({
  id: a.id,
  slug: a.slug,
  name: a.name,
  avatar: a.avatar,
  verified: a.verified,
})

export const columnRef = (c: ContentColumn): ColumnRef => ({ id: c.id, slug: c.slug, name: c.name })

export const articleBrief = (
  a: Pick<Article, 'id' | 'title' | 'cover' | 'publishedAt' | 'createdAt'>,
): ArticleBrief => ({
  id: a.id,
  title: a.title,
  cover: a.cover,
  publishedAt: (a.publishedAt ?? a.createdAt).toISOString(),
})

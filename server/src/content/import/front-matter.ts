import { z } from 'zod'
import { Slug } from '@chuangan/shared'

/** The front matter of an article file; the file name (without .md) is the article's stable slug. */
export const FrontMatter = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(500).optional(),
    author: z.string().trim().min(1).max(64).describe('author slug, or a name (created when unknown)'),
    column: Slug.optional(),
    tags: z.array(z.string().trim().min(1).max(32)).max(8).default([]),
    cover: z.string().max(500).optional(),
    publishedAt: z.coerce.date().optional(),
    status: z.enum(['draft', 'published']).optional(),
  })
  .strict()
export type FrontMatter = z.infer<typeof FrontMatter>

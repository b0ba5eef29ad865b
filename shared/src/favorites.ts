import { z } from 'zod'
import { hasControlChars } from './auth'
import { ProductCard } from './catalog'
import { ArticleCard, Id } from './content'
import { CURSOR_MAX_LENGTH, FOLDER_NAME_MAX_LENGTH, MAX_FOLDERS, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './limits'

const IsoDate = z.string().describe('ISO 8601 date-time')

export const DEFAULT_FOLDER_NAME = '默认收藏夹'

export const FolderName = z
  .string()
  .trim()
  .min(1, '请输入收藏夹名称')
  .max(FOLDER_NAME_MAX_LENGTH, `收藏夹名称最多 ${FOLDER_NAME_MAX_LENGTH} 个字`)
  .refine((name) => !hasControlChars(name), '名称含有不可见字符')

/** One of my 收藏夹. */
export const FolderView = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Articles and products in it. */
  count: z.number().int(),
  isDefault: z.boolean(),
  createdAt: IsoDate,
})
export type FolderView = z.infer<typeof FolderView>

/** My folders, the default first (made on first use), then newest first. */
export const FolderList = z.object({ items: z.array(FolderView) })
export type FolderList = z.infer<typeof FolderList>

export const FolderInput = z.object({ name: FolderName }).strict()
export type FolderInput = z.infer<typeof FolderInput>

export const FolderItemsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type FolderItemsQuery = z.infer<typeof FolderItemsQuery>

/** One thing in a folder: an article or a product (`kind` says which of the two is set). */
export const FolderItem = z.object({
  kind: z.enum(['article', 'product']),
  article: ArticleCard.nullable(),
  product: ProductCard.nullable(),
  collectedAt: IsoDate,
})
export type FolderItem = z.infer<typeof FolderItem>

/**
 * A folder's articles and products together, newest collected first. Articles since taken offline and products
 * since removed from the catalogue are left out.
 */
export const FolderItems = z.object({
  folder: FolderView,
  items: z.array(FolderItem),
  nextCursor: z.string().nullable(),
})
export type FolderItems = z.infer<typeof FolderItems>

/** Put an article in exactly these folders (the sheet's 完成): [] takes it out of all of them. */
export const CollectInput = z
  .object({
    folderIds: z
      .array(Id)
      .max(MAX_FOLDERS)
      .refine((ids) => new Set(ids).size === ids.length, '收藏夹重复'),
  })
  .strict()
export type CollectInput = z.infer<typeof CollectInput>

export const CollectResult = z.object({
  folderIds: z.array(z.number().int()),
  /** Readers who have the article in at least one folder. */
  favorites: z.number().int(),
})
export type CollectResult = z.infer<typeof CollectResult>

/** Move an article from one of my folders to another. */
export const MoveInput = z
  .object({ articleId: Id, from: Id, to: Id })
  .strict()
  .refine((m) => m.from !== m.to, { message: '源收藏夹与目标相同', path: ['to'] })
export type MoveInput = z.infer<typeof MoveInput>

/** Which of my folders hold a product (the product page's 收藏 state), and the answer of collecting one. */
export const ProductFolders = z.object({ folderIds: z.array(z.number().int()) })
export type ProductFolders = z.infer<typeof ProductFolders>

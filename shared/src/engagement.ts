import { z } from 'zod'

/** The caller's own relation to an article, kept apart from the article page so that page can be cached. */
export const ViewerState = z.object({
  liked: z.boolean(),
  likes: z.number().int(),
})
export type ViewerState = z.infer<typeof ViewerState>

export const LikeResult = ViewerState
export type LikeResult = ViewerState

import { z } from 'zod'
import { IMAGE_VARIANT_WIDTHS } from './limits'

/**
 * `GET /images`: a stored image (`/media/…`, as the API hands it out) scaled down to one of IMAGE_VARIANT_WIDTHS,
 * keeping its aspect ratio (never scaled up).
 */
export const ImageVariantQuery = z
  .object({
    src: z
      .string()
      .max(300)
      .regex(/^\/media\/[a-z0-9_-]+(\/[a-z0-9_-]+)*\.(png|jpe?g|webp)$/, 'a stored image path, /media/….png|jpg|webp'),
    w: z.coerce
      .number()
      .int()
      .refine((w) => (IMAGE_VARIANT_WIDTHS as readonly number[]).includes(w), {
        message: `one of ${IMAGE_VARIANT_WIDTHS.join(', ')}`,
      }),
  })
  .strict()
export type ImageVariantQuery = z.infer<typeof ImageVariantQuery>

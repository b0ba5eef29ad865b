import { SetMetadata } from '@nestjs/common'
import type { Access } from '@chuangan/shared'

/**
 * Route metadata the auth guard reads. It lives on the ground floor because `@Route` (common/contract.ts) sets it
 * from the contract; which roles each access level admits is the auth module's business (auth/access.ts).
 */
export const ACCESS_KEY = 'chuangan:access'

/** Sets who may call a handler; `@Route` sets it from the contract, so handlers rarely need it. */
export const RequireAccess = (access: Access) => SetMetadata(ACCESS_KEY, access)

export const VIEWER_KEY = 'chuangan:viewer'

/**
 * A public route that still wants to know who is calling, when someone is signed in (e.g. to count a read once per
 * user). Other public routes skip the session lookup: they serve the same cached answer to everyone.
 */
export const WantsViewer = () => SetMetadata(VIEWER_KEY, true)

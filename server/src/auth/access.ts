import type { Access } from '@chuangan/shared'
import type { Role } from '../users/user.entity'

/** The roles each access level admits (the route metadata itself is in common/access.ts). */
export const ROLES_FOR: Record<Exclude<Access, 'public' | 'user'>, readonly Role[]> = {
  author: ['author', 'editor'],
  editor: ['editor'],
  supplier: ['supplier'],
}

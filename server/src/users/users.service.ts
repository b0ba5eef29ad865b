import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { Repository } from 'typeorm'
import { newShareCode } from '../users/share-code'
import { User, type Role } from './user.entity'

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  create(fields: { nickname: string; role?: Role; openid?: string | null; supplierId?: number | null }): Promise<User> {
    return this.users.save(
      this.users.create({
        nickname: fields.nickname,
        role: fields.role ?? 'reader',
        openid: fields.openid ?? null,
        supplierId: fields.supplierId ?? null,
        unionid: null,
        avatarUrl: null,
        shareCode: newShareCode(),
        createdAt: new Date(),
      }),
    )
  }
}

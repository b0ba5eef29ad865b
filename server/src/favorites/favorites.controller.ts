import { Controller } from '@nestjs/common'
import type {
  ArticleParams,
  CollectInput,
  FolderInput,
  FolderItemsQuery,
  MoveInput,
  ProductParams,
} from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import type { User } from '../users/user.entity'
import { FavoritesService } from './favorites.service'

/** `:id` of a folder route, validated by the contract's IdParams. */
type FolderParams = { id: number }

/** 收藏夹: a signed-in reader's own folders and the articles in them; nobody else's are reachable. */
@Controller()
export class FavoritesController {
  constructor(private readonly favorites: FavoritesService) {}

  @Route('folders')
  list(@CurrentUser() user: User) {
    return this.favorites.list(user.id)
  }

  @Route('createFolder')
  create(@CurrentUser() user: User, @ContractBody('createFolder') body: FolderInput) {
    return this.favorites.create(user.id, body.name)
  }

  @Route('renameFolder')
  rename(
    @CurrentUser() user: User,
    @ContractParams('renameFolder') { id }: FolderParams,
    @ContractBody('renameFolder') body: FolderInput,
  ) {
    return this.favorites.rename(user.id, id, body.name)
  }

  @Route('deleteFolder')
  async remove(@CurrentUser() user: User, @ContractParams('deleteFolder') { id }: FolderParams) {
    await this.favorites.remove(user.id, id)
    return { ok: true as const }
  }

  @Route('folderItems')
  items(
    @CurrentUser() user: User,
    @ContractParams('folderItems') { id }: FolderParams,
    @ContractQuery('folderItems') query: FolderItemsQuery,
  ) {
    return this.favorites.items(user.id, id, query)
  }

  @Route('moveFavorite')
  move(@CurrentUser() user: User, @ContractBody('moveFavorite') body: MoveInput) {
    return this.favorites.move(user.id, body)
  }

  @Route('collectArticle')
  collect(
    @CurrentUser() user: User,
    @ContractParams('collectArticle') { id }: ArticleParams,
    @ContractBody('collectArticle') body: CollectInput,
  ) {
    return this.favorites.collect(user.id, id, body.folderIds)
  }

  @Route('productFolders')
  productFolders(@CurrentUser() user: User, @ContractParams('productFolders') { id }: ProductParams) {
    return this.favorites.productFolderIds(user.id, id)
  }

  @Route('collectProduct')
  collectProduct(
    @CurrentUser() user: User,
    @ContractParams('collectProduct') { id }: ProductParams,
    @ContractBody('collectProduct') body: CollectInput,
  ) {
    return this.favorites.collectProduct(user.id, id, body.folderIds)
  }
}

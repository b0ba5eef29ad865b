import { Controller } from '@nestjs/common'
import type { SavedSearchInput, SavedSearchListQuery, SavedSearchParams } from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import type { User } from '../users/user.entity'
import { SavedSearchesService } from './saved-searches.service'

/** 订阅的搜索: the signed-in buyer's own saved searches (access `user`, from the contract). */
@Controller()
export class SavedSearchesController {
  constructor(private readonly savedSearches: SavedSearchesService) {}

  @Route('mySavedSearches')
  list(@CurrentUser() user: User, @ContractQuery('mySavedSearches') query: SavedSearchListQuery) {
    return this.savedSearches.list(user.id, query)
  }

  @Route('saveSearch')
  create(@CurrentUser() user: User, @ContractBody('saveSearch') body: SavedSearchInput) {
    return this.savedSearches.create(user.id, body)
  }

  @Route('openSavedSearch')
  open(@CurrentUser() user: User, @ContractParams('openSavedSearch') { id }: SavedSearchParams) {
    return this.savedSearches.open(user.id, id)
  }

  @Route('deleteSavedSearch')
  remove(@CurrentUser() user: User, @ContractParams('deleteSavedSearch') { id }: SavedSearchParams) {
    return this.savedSearches.remove(user.id, id)
  }
}

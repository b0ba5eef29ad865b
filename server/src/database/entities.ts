import { Article } from '../content/article.entity'

/** Every entity, for the data source and the migration check. */
export const entities = [Article]

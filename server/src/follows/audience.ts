import type { EntityManager } from 'typeorm'
import { quoter } from '../database/raw-sql'

/**
 * Who hears about something new, as a condition on `follow f` for an INSERT … SELECT DISTINCT f."userId": the
 * followers of an article's author or column (a reader following both matches twice; DISTINCT makes it one), never
 * the author's own account; or the subscribers of a periodical. The in-app notices and the subscribe-message outbox
 * both fan out to exactly this audience.
 */
export interface Audience {
  where: string
  params: Record<string, unknown>
}

export function articleAudience(em: EntityManager, article: { authorId: number; columnId: number | null }): Audience {
  const q = quoter(em)
  const followed = [`(f.${q('kind')} = :audienceAuthorKind AND f.${q('targetId')} = :audienceAuthorId)`]
  if (article.columnId !== null) {
    followed.push(`(f.${q('kind')} = :audienceColumnKind AND f.${q('targetId')} = :audienceColumnId)`)
  }
  const authorAccount = `(SELECT a.${q('userId')} FROM ${q('author')} a WHERE a.${q('id')} = :audienceAuthorId)`
  return {
    where: `(${followed.join(' OR ')}) AND f.${q('userId')} <> COALESCE(${authorAccount}, 0)`,
    params: {
      audienceAuthorKind: 'author',
      audienceAuthorId: article.authorId,
      audienceColumnKind: 'column',
      audienceColumnId: article.columnId ?? 0,
    },
  }
}

export function periodicalAudience(em: EntityManager, periodicalId: number): Audience {
  const q = quoter(em)
  return {
    where: `f.${q('kind')} = :audienceKind AND f.${q('targetId')} = :audiencePeriodicalId`,
    params: { audienceKind: 'periodical', audiencePeriodicalId: periodicalId },
  }
}

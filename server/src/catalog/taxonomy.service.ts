import { Injectable, type OnApplicationBootstrap } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, type EntityManager } from 'typeorm'
import type { Dimension, ParamKind } from '@chuangan/shared'
import { Transactions } from '../database/transactions'
import { Category, CategoryParam } from './catalog.entity'
import { flattenTaxonomy, TAXONOMY, type CategoryDef } from './taxonomy'

/** A parameter definition as stored. */
export interface StoredParamDef {
  key: string
  kind: ParamKind
  dimension: Dimension | null
  unit: string | null
  facetable: boolean
}

/** A category as the importer needs it: its id and every parameter it and its ancestors define (nearest wins). */
export interface CategoryForImport {
  id: number
  name: string
  path: string
  params: Map<string, StoredParamDef>
}

/**
 * Applies the taxonomy (taxonomy.ts) to the database: categories upserted by path, parameter definitions by
 * (category, key). Idempotent; nothing is deleted (products may point at a category the code no longer lists).
 * Runs at start and before every import, so an emptied database gets it back.
 */
@Injectable()
export class TaxonomyService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.apply()
  }

  /** Writes what differs between the tree and the database; returns how many rows it inserted or updated. */
  apply(tree: CategoryDef[] = TAXONOMY): Promise<number> {
    return this.transactions.run((em) => applyTree(em, tree))
  }

  /** Every category by path, with its inherited parameter definitions. */
  async categoriesByPath(): Promise<Map<string, CategoryForImport>> {
    const [categories, params] = await Promise.all([
      this.db.getRepository(Category).find({ order: { depth: 'ASC', id: 'ASC' } }),
      this.db.getRepository(CategoryParam).find({ order: { sortOrder: 'ASC', id: 'ASC' } }),
    ])
    const own = new Map<number, CategoryParam[]>()
    for (const p of params) own.set(p.categoryId, [...(own.get(p.categoryId) ?? []), p])
    const byId = new Map<number, CategoryForImport>()
    const byPath = new Map<string, CategoryForImport>()
    for (const c of categories) {
      const inherited = c.parentId !== null ? byId.get(c.parentId)?.params : undefined
      const defs = new Map(inherited ?? [])
      for (const p of own.get(c.id) ?? []) {
        defs.set(p.key, {
          key: p.key,
          kind: p.kind,
          dimension: p.dimension as Dimension | null,
          unit: p.unit,
          facetable: Boolean(p.facetable),
        })
      }
      const entry = { id: c.id, name: c.name, path: c.path, params: defs }
      byId.set(c.id, entry)
      byPath.set(c.path, entry)
    }
    return byPath
  }
}

async function applyTree(em: EntityManager, tree: CategoryDef[]): Promise<number> {
  let written = 0
  const categories = em.getRepository(Category)
  const byPath = new Map((await categories.find()).map((c) => [c.path, c]))
  for (const node of flattenTaxonomy(tree)) {
    const parentId = node.parentPath ? byPath.get(node.parentPath)!.id : null
    const wanted = { name: node.name, parentId, depth: node.depth, sortOrder: node.sortOrder }
    const found = byPath.get(node.path)
    if (!found) {
      // Another process may be applying the same tree: ignore its row and read it back.
      await categories
        .createQueryBuilder()
        .insert()
        .values({ ...wanted, path: node.path })
        .orIgnore()
        .updateEntity(false)
        .execute()
      byPath.set(node.path, await categories.findOneByOrFail({ path: node.path }))
      written++
    } else if (Object.entries(wanted).some(([k, v]) => found[k as keyof typeof wanted] !== v)) {
      await categories.update({ id: found.id }, wanted)
      written++
    }
  }

  const params = em.getRepository(CategoryParam)
  const stored = new Map((await params.find()).map((p) => [`${p.categoryId}/${p.key}`, p]))
  const missing: Array<Omit<CategoryParam, 'id'>> = []
  for (const node of flattenTaxonomy(tree)) {
    const categoryId = byPath.get(node.path)!.id
    for (const [sortOrder, def] of node.params.entries()) {
      const wanted = {
        kind: def.kind,
        dimension: def.dimension,
        unit: def.unit,
        facetable: def.facetable,
        sortOrder,
      }
      const found = stored.get(`${categoryId}/${def.key}`)
      if (!found) missing.push({ categoryId, key: def.key, ...wanted })
      else if (Object.entries(wanted).some(([k, v]) => found[k as keyof typeof wanted] !== v)) {
        await params.update({ id: found.id }, wanted)
        written++
      }
    }
  }
  for (let i = 0; i < missing.length; i += 200) {
    const batch = missing.slice(i, i + 200)
    await params.createQueryBuilder().insert().values(batch).orIgnore().updateEntity(false).execute()
    written += batch.length
  }
  return written
}

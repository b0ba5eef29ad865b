import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { AdErrors, type AdPlacement, type AdSlotInput, type AdSlotView, type AdView } from '@chuangan/shared'
import { Brackets, Repository } from 'typeorm'
import { AppError } from '../common/app-error'
import { adView } from './ad-view'
import { AdSlot } from './ad-slot.entity'

@Injectable()
export class AdsService {
  constructor(@InjectRepository(AdSlot) private readonly slots: Repository<AdSlot>) {}

  /** The newest active slot for a placement whose window contains `now`, or null. */
  async pick(placement: AdPlacement, now = new Date()): Promise<AdView | null> {
    const slot = await this.slots
      .createQueryBuilder('s')
      .where('s.placement = :placement AND s.active = :active', { placement, active: true })
      .andWhere(new Brackets((w) => w.where('s.startsAt IS NULL').orWhere('s.startsAt <= :now', { now })))
      .andWhere(new Brackets((w) => w.where('s.endsAt IS NULL').orWhere('s.endsAt > :now', { now })))
      .orderBy('s.id', 'DESC')
      .getOne()
    return slot ? adView(slot) : null
  }

  async list(): Promise<AdSlotView[]> {
    return (await this.slots.find({ order: { id: 'ASC' } })).map(slotView)
  }

  async create(input: AdSlotInput): Promise<AdSlotView> {
    const slot = this.slots.create({ ...fields(input), createdAt: new Date() })
    return slotView(await this.slots.save(slot))
  }

  async replace(id: number, input: AdSlotInput): Promise<AdSlotView> {
    const slot = await this.slots.findOneBy({ id })
    if (!slot) throw AppError.of(AdErrors.AD_SLOT_NOT_FOUND)
    Object.assign(slot, fields(input))
    return slotView(await this.slots.save(slot))
  }
}

function fields(input: AdSlotInput) {
  return {
    placement: input.placement,
    title: input.title,
    wechatUnitId: input.wechatUnitId ?? null,
    imageUrl: input.imageUrl ?? null,
    linkUrl: input.linkUrl ?? null,
    startsAt: input.startsAt ? new Date(input.startsAt) : null,
    endsAt: input.endsAt ? new Date(input.endsAt) : null,
    active: input.active ?? true,
  }
}

const slotView = (s: AdSlot): AdSlotView => ({
  ...adView(s),
  startsAt: s.startsAt?.toISOString() ?? null,
  endsAt: s.endsAt?.toISOString() ?? null,
  active: s.active,
})

import { Injectable, Logger } from '@nestjs/common'
import { formatMessage, ModerationErrors } from '@chuangan/shared'
import { WechatClient } from '../wechat/wechat.client'
import { WechatError } from '../wechat/wechat.errors'
import type { MsgSecScene } from '../wechat/wechat.types'
import { LABEL_NAMES, WordFilter, type FilterVerdict } from './word-filter'

export type CheckVerdict = FilterVerdict

export interface ContentCheckInput {
  /** The writer's openid; null for accounts that never signed in through WeChat (staff, tests): our filter only. */
  openid: string | null
  text: string
  /** msg_sec_check scene: 1 profile, 2 comment, 3 forum, 4 social log. */
  scene: MsgSecScene
}

export interface ContentCheckResult {
  /** pass: show it; review: keep it for an editor (审核中); risky: refuse it. */
  verdict: CheckVerdict
  /** WeChat's label of the worst verdict (e.g. 10001 ad, 20003 abuse); null on pass or when WeChat was unreachable. */
  label: number | null
  /** A Chinese sentence for the writer when the verdict is not pass. */
  message?: string
}

const RANK: Record<CheckVerdict, number> = { pass: 0, review: 1, risky: 2 }

/**
 * Checks user text before it is shown: our word filter plus WeChat's msg_sec_check (version 2), worst verdict wins.
 *
 * - Without an openid only our filter runs (WeChat's check needs the writer's openid).
 * - When our filter already says risky, WeChat is not asked (the answer cannot get worse; saves quota).
 * - When WeChat fails (-1 busy, 45011 rate limit, a network error or timeout, or any other errcode), the write is not
 *   refused: the verdict becomes at least `review`, so a person looks at the text before others see it.
 */
@Injectable()
export class ContentCheckService {
  private readonly logger = new Logger(ContentCheckService.name)
  private readonly filter = new WordFilter()

  constructor(private readonly wechat: WechatClient) {}

  async check(input: ContentCheckInput): Promise<ContentCheckResult> {
    const ours = this.filter.scan(input.text)
    let verdict: CheckVerdict = ours.verdict
    let label = ours.label
    if (input.openid && verdict !== 'risky') {
      const theirs = await this.askWechat(input)
      if (RANK[theirs.verdict] > RANK[verdict]) {
        verdict = theirs.verdict
        label = theirs.label
      }
    }
    if (verdict === 'pass') return { verdict, label: null }
    return { verdict, label, message: messageFor(verdict, label) }
  }

  private async askWechat(input: ContentCheckInput): Promise<{ verdict: CheckVerdict; label: number | null }> {
    try {
      const result = await this.wechat.msgSecCheck({ openid: input.openid!, scene: input.scene, content: input.text })
      return { verdict: result.suggest, label: result.suggest === 'pass' ? null : result.label }
    } catch (error) {
      const reason = error instanceof WechatError ? `errcode ${error.errcode}` : String(error)
      this.logger.warn(`msg_sec_check failed (${reason}): the text goes to human review`)
      return { verdict: 'review', label: null }
    }
  }
}

/** What a label means to a reader (广告, 辱骂, …); 违规 when unknown. */
export const labelName = (label: number | null): string => (label !== null && LABEL_NAMES[label]) || '违规'

function messageFor(verdict: Exclude<CheckVerdict, 'pass'>, label: number | null): string {
  if (verdict === 'review') return '内容已提交审核，通过后其他人可见'
  return formatMessage(ModerationErrors.CONTENT_REJECTED, { kind: labelName(label) })
}

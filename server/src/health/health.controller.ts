import { Controller, Header, Inject } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import type { Health } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Route } from '../common/contract'

@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject('APP_VERSION') private readonly version: string,
  ) {}

  @Route('health')
  @Header('cache-control', 'no-store')
  async health(): Promise<Health> {
    const started = performance.now()
    let ok = true
    try {
      await this.db.query('SELECT 1')
    } catch {
      ok = false
    }
    return {
      status: ok ? 'ok' : 'degraded',
      version: this.version,
      uptimeSeconds: Math.round(process.uptime()),
      database: {
        type: this.db.options.type as Health['database']['type'],
        ok,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
      },
    }
  }
}

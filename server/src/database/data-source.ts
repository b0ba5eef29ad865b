// For the TypeORM CLI only (pnpm migration:run | migration:check): reads DATABASE_URL like the server does.
import 'reflect-metadata'
import { DataSource } from 'typeorm'
import { loadConfig } from '../config/config'
import { dataSourceOptions } from './options'

export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL))

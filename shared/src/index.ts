export * from './errors'
export * from './articles'
export * from './health'
export * from './routes'

import { Global, Module } from '@nestjs/common'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { FileStore } from './file-store'
import { ImageVariants } from './image-variants'
import { ImagesController } from './images.controller'
import { LocalFileStore } from './local-file-store'

/**
 * The file store every feature injects as `FileStore`: a local folder under MEDIA_DIR (a cloud store can replace it
 * here); and sized variants of its images (`GET /api/images`).
 */
@Global()
@Module({
  controllers: [ImagesController],
  providers: [
    ImageVariants,
    {
      provide: FileStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): FileStore => new LocalFileStore(config.MEDIA_DIR),
    },
  ],
  exports: [FileStore, ImageVariants],
})
export class StorageModule {}

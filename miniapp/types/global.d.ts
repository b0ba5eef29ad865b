/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** API base URL, set by config/index.ts defineConstants: '/api' in H5, absolute in weapp. */
declare const API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    TARO_APP_API_BASE?: string
  }
}

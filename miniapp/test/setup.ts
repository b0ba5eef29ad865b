import { forgetHeldSession } from '@/auth/token'
import { resetTaroMock } from './mocks/taro'

// the same module instance the pages get for '@tarojs/taro' (jest maps it to this file); the session held in
// memory is read from each test's storage again
beforeEach(() => {
  resetTaroMock()
  forgetHeldSession()
})

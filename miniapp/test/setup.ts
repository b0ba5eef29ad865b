import { resetTaroMock } from './mocks/taro'

// the same module instance the pages get for '@tarojs/taro' (jest maps it to this file)
beforeEach(() => resetTaroMock())

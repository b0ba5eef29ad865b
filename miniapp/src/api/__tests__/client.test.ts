import { taroApi } from '../../../test/mocks/taro'
import { ApiRequestError, call, errorMessage, showErrorToast, urlFor } from '../client'

const request = () => taroApi('request')

describe('urlFor', () => {
  it('fills path params and appends the query, skipping empty values', () => {
    expect(urlFor('article', { params: { id: 42 } })).toBe('http://api.test/api/articles/42')
    expect(urlFor('feed', { query: { limit: 10, cursor: 'a b/c' } })).toBe(
      'http://api.test/api/articles?limit=10&cursor=a%20b%2Fc',
    )
    expect(urlFor('feed', { query: { limit: 10, cursor: undefined } })).toBe('http://api.test/api/articles?limit=10')
  })

  it('repeats the key of an array value (the search filters)', () => {
    expect(urlFor('search', { query: { q: '压变', enum: ['输出信号:4-20mA', '输出信号:RS485'], region: [] } })).toBe(
      'http://api.test/api/search?q=%E5%8E%8B%E5%8F%98&enum=%E8%BE%93%E5%87%BA%E4%BF%A1%E5%8F%B7%3A4-20mA&enum=%E8%BE%93%E5%87%BA%E4%BF%A1%E5%8F%B7%3ARS485',
    )
  })

  it('refuses to build a path with a missing param', () => {
    expect(() => urlFor('article', {})).toThrow(/missing path parameter "id"/)
  })
})

describe('call', () => {
  it('sends the route method and URL and resolves with the body of a 2xx answer', async () => {
    const page = { items: [], nextCursor: null }
    request().mockResolvedValueOnce({ statusCode: 200, data: page, header: {}, errMsg: 'request:ok' })

    await expect(call('feed', { query: { limit: 5 } })).resolves.toEqual(page)
    expect(request()).toHaveBeenCalledTimes(1)
    expect(request().mock.calls[0][0]).toMatchObject({ method: 'GET', url: 'http://api.test/api/articles?limit=5' })
  })

  it('turns a 4xx error body into an ApiRequestError with the same shape', async () => {
    const body = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '参数不正确',
      details: [{ path: 'query.limit', message: 'Too big' }],
    }
    request().mockResolvedValueOnce({ statusCode: 400, data: body, header: {}, errMsg: 'request:ok' })

    const error = await call('feed', { query: { limit: 500 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiRequestError)
    expect(error).toMatchObject(body)
    expect(errorMessage(error)).toBe('参数不正确')
  })

  it('still yields the error shape when a non-2xx answer has no JSON body', async () => {
    request().mockResolvedValueOnce({ statusCode: 502, data: '<html>Bad Gateway</html>', header: {}, errMsg: 'ok' })

    await expect(call('article', { params: { id: 1 } })).rejects.toMatchObject({
      statusCode: 502,
      code: 'HTTP_ERROR',
      message: '请求失败（502）',
    })
  })

  it('reports a network failure as NETWORK_ERROR with a Chinese message', async () => {
    request().mockRejectedValueOnce({ errMsg: 'request:fail timeout' })

    const error = await call('article', { params: { id: 1 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiRequestError)
    expect(error).toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR', message: '网络不给力，请检查网络后重试' })
  })
})

describe('showErrorToast', () => {
  it('shows the error message as a plain toast', () => {
    showErrorToast(new ApiRequestError({ statusCode: 404, code: 'ARTICLE_NOT_FOUND', message: '文章不存在或已下线' }))
    expect(taroApi('showToast')).toHaveBeenCalledWith(
      expect.objectContaining({ title: '文章不存在或已下线', icon: 'none' }),
    )
  })
})

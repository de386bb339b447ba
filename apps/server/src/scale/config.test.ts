import { describe, expect, it } from 'vitest'
import { redisUrlFromEnv } from './config.js'

describe('REDIS_URL', () => {
  it('SRV-SC14: unset or empty is one instance; a redis:// or rediss:// URL is taken; anything else stops the start naming the variable', () => {
    expect(redisUrlFromEnv({})).toBeUndefined()
    expect(redisUrlFromEnv({ REDIS_URL: '  ' })).toBeUndefined()
    expect(redisUrlFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toBe('redis://127.0.0.1:6379')
    expect(redisUrlFromEnv({ REDIS_URL: 'rediss://cache.example.se:6380/0' })).toBe('rediss://cache.example.se:6380/0')
    expect(() => redisUrlFromEnv({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/^REDIS_URL: must start with redis:\/\//)
    expect(() => redisUrlFromEnv({ REDIS_URL: '127.0.0.1:6379' })).toThrow(/^REDIS_URL: /)
  })
})

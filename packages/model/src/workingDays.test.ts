import { describe, expect, it } from 'vitest'
import { addWorkingDays, deadlineState, isWorkingDay, swedishToday } from './workingDays.js'

describe('Swedish working days', () => {
  it('[W1] weekends, public holidays and the holiday eves are not working days', () => {
    // 2026: Easter Sunday 5 April, midsommarafton Friday 19 June.
    for (const day of [
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-06-06',
      '2026-06-19',
      '2026-12-24',
      '2026-12-25',
      '2026-12-31',
      '2026-01-31',
      '2026-02-01',
    ]) {
      expect(isWorkingDay(day), day).toBe(false)
    }
    for (const day of ['2026-01-02', '2026-01-30', '2026-04-02', '2026-04-07', '2026-06-18', '2026-06-22', '2026-12-23'])
      expect(isWorkingDay(day), day).toBe(true)
    // 2025: Easter Sunday 20 April, midsommarafton 20 June.
    expect(isWorkingDay('2025-04-18')).toBe(false)
    expect(isWorkingDay('2025-06-20')).toBe(false)
    expect(isWorkingDay('2025-06-19')).toBe(true)
  })

  it('[W1] counts working days over weekends and Easter', () => {
    expect(addWorkingDays('2026-01-28', 3)).toBe('2026-02-02') // Wed → Mon over a weekend
    expect(addWorkingDays('2026-04-01', 3)).toBe('2026-04-08') // Wed → over långfredag, the weekend and annandag påsk
    expect(addWorkingDays('2026-12-22', 3)).toBe('2026-12-29')
    expect(addWorkingDays('2026-03-10', 0)).toBe('2026-03-10')
  })

  it('[W2] a deadline is soon when today or within 3 working days, passed after the day', () => {
    expect(deadlineState('2026-01-30', '2026-01-30')).toBe('soon')
    expect(deadlineState('2026-02-02', '2026-01-28')).toBe('soon')
    expect(deadlineState('2026-02-03', '2026-01-28')).toBe('later')
    expect(deadlineState('2026-04-08', '2026-04-01')).toBe('soon')
    expect(deadlineState('2026-01-29', '2026-01-30')).toBe('passed')
    expect(deadlineState('', '2026-01-30')).toBe('none')
    expect(deadlineState('snart', '2026-01-30')).toBe('none')
  })

  it("[W2] today is Sweden's date, not UTC's", () => {
    expect(swedishToday(new Date('2026-01-29T23:30:00Z'))).toBe('2026-01-30')
    expect(swedishToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01')
    expect(swedishToday(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02')
  })
})

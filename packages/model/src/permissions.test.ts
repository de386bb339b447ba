import { describe, expect, it } from 'vitest'
import { ACTIONS, can, mayEver, PERMISSIONS } from './permissions.js'
import { DOCUMENT_STATUSES, ROLES } from './api.js'

describe('permission table', () => {
  it('[P1] every action has roles and statuses; no role outside the four, nobody without a role', () => {
    for (const action of ACTIONS) {
      expect(PERMISSIONS[action].roles.length, action).toBeGreaterThan(0)
      expect(PERMISSIONS[action].statuses.length, action).toBeGreaterThan(0)
      for (const status of DOCUMENT_STATUSES) {
        expect(can(undefined, action, status)).toBe(false)
        expect(can(null, action, status)).toBe(false)
      }
    }
  })

  it('[P2] locked means locked: once godkand nobody edits, comments or judges; only authors revise, only then', () => {
    for (const role of ROLES) {
      for (const action of ['content.edit', 'review.write', 'comment', 'verdict.give', 'approve'] as const)
        expect(can(role, action, 'godkand'), `${role} ${action}`).toBe(false)
      expect(can(role, 'revise', 'godkand')).toBe(role === 'author')
      expect(can(role, 'revise', 'utkast')).toBe(false)
      expect(can(role, 'read', 'godkand')).toBe(true)
      expect(can(role, 'export', 'godkand')).toBe(true)
    }
  })

  it('[P2] the design doc’s rooms: content written by authors; review by authors, reviewers and approvers; readers read', () => {
    expect(ROLES.filter((r) => can(r, 'content.edit', 'granskning'))).toEqual(['author'])
    expect(ROLES.filter((r) => can(r, 'review.write', 'granskning'))).toEqual(['author', 'reviewer', 'approver'])
    expect(ROLES.filter((r) => can(r, 'approve', 'granskning'))).toEqual(['approver'])
    expect(ROLES.filter((r) => can(r, 'approve', 'utkast'))).toEqual([])
    expect(ROLES.filter((r) => mayEver(r, 'members.manage'))).toEqual(['author'])
  })
})

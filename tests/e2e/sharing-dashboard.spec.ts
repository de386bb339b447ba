import { expect, request, test } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { DEMO_PASSWORD, signedInPage } from './session.js'

test('the dashboard answers "what needs me?", searches on the server and sorts by column', async ({ browser, baseURL }) => {
  const api = await request.newContext({ baseURL })
  const { token } = (await (await api.post('/api/session', { data: { username: 'anna', password: DEMO_PASSWORD } })).json()) as { token: string }
  const headers = { Authorization: `Bearer ${token}` }
  const make = async (title: string, dnr: string) => ((await (await api.post('/api/documents', { headers, data: { templateId: 'remissvar', title, meta: { dnr } } })).json()) as { id: string }).id
  const shared = await make('Alfa – delas med Linn', 'KS 2026/901')
  await make('Beta – Annas eget utkast', 'KS 2026/902')
  expect((await api.put(`/api/documents/${shared}/members`, { headers, data: { username: 'linn', role: 'reader' } })).ok()).toBe(true)
  await api.dispose()

  const linn = await signedInPage(browser, 'linn')
  const page = linn.page
  const sharedSection = page.getByRole('region', { name: 'Delade med mig' })
  await expect(sharedSection.getByRole('link', { name: 'Alfa – delas med Linn' })).toBeVisible()
  await expect(sharedSection).toContainText('Läsare')
  await expect(page.getByRole('region', { name: 'Väntar på mig' })).toBeVisible()

  const anna = await signedInPage(browser, 'anna')
  const drafts = anna.page.getByRole('region', { name: 'Mina utkast' })
  await expect(drafts.getByRole('link', { name: 'Beta – Annas eget utkast' })).toBeVisible()
  // Search by Dnr (answered by the server).
  await anna.page.getByRole('searchbox', { name: 'Sök' }).fill('2026/902')
  const rows = anna.page.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('Beta – Annas eget utkast')
  await anna.page.getByRole('searchbox', { name: 'Sök' }).fill('KS 2026/90')
  await expect(rows).toHaveCount(3)
  // Sort by title: ascending, then descending; aria-sort tells which.
  const titleHeader = anna.page.getByRole('columnheader', { name: /Titel/ })
  await titleHeader.getByRole('button').click()
  await expect(titleHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(rows.nth(1)).toContainText('Alfa')
  await titleHeader.getByRole('button').click()
  await expect(titleHeader).toHaveAttribute('aria-sort', 'descending')
  await expect(rows.nth(1)).toContainText('Beta')
  // Filter by my role.
  await anna.page.getByLabel('Min roll').selectOption({ label: 'Läsare' })
  await expect(anna.page.getByText('Inga tjänsteutlåtanden matchar filtret.')).toBeVisible()

  const axe = await new AxeBuilder({ page: anna.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  await linn.context.close()
  await anna.context.close()
})

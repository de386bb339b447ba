import { expect, test } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { swedishToday } from '@perspektiv/model'
import { createDocument, signedInApi, signedInPage } from './session.js'

/** An ISO date `days` from today (Stockholm). */
const fromToday = (days: number) => swedishToday(new Date(Date.now() + days * 86_400_000))

test('the dashboard answers "what needs me?" with nämnd, dates and deadlines; searches on the server, filters and sorts by column', async ({
  browser,
  baseURL,
}) => {
  const session = await signedInApi(baseURL!)
  await createDocument(session, 'Alfa – delas med Linn', { dnr: 'KS 2026/901', namnd: 'Kommunstyrelsen', meetingDate: '2026-03-12', deadline: fromToday(-1) }, [
    ['linn', 'reader'],
  ])
  await createDocument(session, 'Beta – Annas eget utkast', { dnr: 'KS 2026/902', namnd: 'Trafiknämnden', deadline: fromToday(0) })
  await session.api.dispose()

  const linn = await signedInPage(browser, 'linn')
  const page = linn.page
  const sharedSection = page.getByRole('region', { name: 'Delade med mig' })
  await expect(sharedSection.getByRole('link', { name: 'Alfa – delas med Linn' })).toBeVisible()
  await expect(sharedSection).toContainText('Läsare')
  // SRV-ST15, model W2: nämnd, meeting date and a passed deadline said in words.
  const alfaRow = sharedSection.getByRole('row').filter({ hasText: 'Alfa' })
  await expect(alfaRow).toContainText('Kommunstyrelsen')
  await expect(alfaRow).toContainText('2026-03-12')
  await expect(alfaRow).toContainText('Passerad')
  await expect(page.getByRole('region', { name: 'Väntar på mig' })).toBeVisible()

  const anna = await signedInPage(browser, 'anna')
  const drafts = anna.page.getByRole('region', { name: 'Mina utkast' })
  await expect(drafts.getByRole('link', { name: 'Beta – Annas eget utkast' })).toBeVisible()
  await expect(drafts.getByRole('row').filter({ hasText: 'Beta' })).toContainText('I dag')
  const everything = anna.page.getByRole('region', { name: 'Hela listan' })
  // Search by Dnr (answered by the server).
  await anna.page.getByRole('searchbox', { name: 'Sök' }).fill('2026/902')
  const rows = everything.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('Beta – Annas eget utkast')
  await anna.page.getByRole('searchbox', { name: 'Sök' }).fill('KS 2026/90')
  await expect(rows).toHaveCount(3)
  // Sort by title: ascending, then descending; aria-sort tells which.
  const titleHeader = everything.getByRole('columnheader', { name: /Titel/ })
  await titleHeader.getByRole('button').click()
  await expect(titleHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(rows.nth(1)).toContainText('Alfa')
  await titleHeader.getByRole('button').click()
  await expect(titleHeader).toHaveAttribute('aria-sort', 'descending')
  await expect(rows.nth(1)).toContainText('Beta')
  // Sort by deadline: the earliest first, then the latest.
  const deadlineHeader = everything.getByRole('columnheader', { name: /Svar senast/ })
  await deadlineHeader.getByRole('button').click()
  await expect(deadlineHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(rows.nth(1)).toContainText('Alfa')
  // Filter by nämnd (answered by the server).
  await anna.page.getByLabel('Nämnd').selectOption({ label: 'Trafiknämnden' })
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('Beta')
  await anna.page.getByLabel('Nämnd').selectOption({ label: 'Alla' })
  await expect(rows).toHaveCount(3)
  // Filter by my role.
  await anna.page.getByLabel('Min roll').selectOption({ label: 'Läsare' })
  await expect(anna.page.getByText('Inga tjänsteutlåtanden matchar filtret.')).toBeVisible()

  const axe = await new AxeBuilder({ page: anna.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  await linn.context.close()
  await anna.context.close()
})

/**
 * Issue 13 in the browser: an approver sees, before pressing the button, why approval is
 * refused (a reviewer's "Behöver kompletteras", an open comment, the Valnämnden-style
 * signature placeholder); once it is fixed they approve, and the review is locked. And the
 * author's editor names every header problem at the field and in the checklist.
 */
import { expect, test } from '@playwright/test'
import { axeViolations } from './axe.js'
import { coverageItem, openDocument, selectText, signedInPage } from './session.js'
import { QUOTE, SIGNATORY, TEXT, writtenDocument } from './approvalDocument.js'

test('an approver sees why approval is refused before pressing the button, and approves once it is fixed', async ({ browser, baseURL }) => {
  // Three people in three browser contexts on a shared 2-core machine: more than the default minute.
  test.setTimeout(120_000)
  const author = await writtenDocument(baseURL!, 'Godkännandets grind', true)
  const rita = await signedInPage(browser, 'rita')
  await openDocument(rita.page, author.id)

  // The reviewer asks for more on Klimat och miljö and leaves a question on the text.
  const klimat = coverageItem(rita.page, 'Klimat och miljö')
  await klimat.getByRole('button', { name: 'Ge omdöme Klimat och miljö' }).click()
  await klimat.getByRole('radio', { name: 'Behöver kompletteras' }).check()
  await klimat.getByLabel('Kommentar (krävs)').fill('Beskriv energibesparingen i siffror.')
  await klimat.getByRole('button', { name: 'Spara omdöme' }).click()
  await selectText(rita.page, 'Ärendet', QUOTE)
  await rita.page.getByRole('button', { name: 'Kommentera' }).click()
  const form = rita.page.getByRole('form', { name: 'Ny kommentar' })
  await form.getByLabel('Kommentar').fill('Vilka åtgärder prioriteras?')
  await form.getByRole('button', { name: 'Spara kommentar' }).click()
  // Under review the author changes the signature to what an unfinished Word template leaves.
  author.doc.getMap('meta').set('signatories', [{ name: 'Klicka och skriv namn', title: 'Klicka och skriv titel', forvaltning: '' }])

  const alva = await signedInPage(browser, 'alva')
  await openDocument(alva.page, author.id)
  await alva.page.getByRole('button', { name: 'Godkänn', exact: true }).click()
  const state = alva.page.locator('#approval-state')
  await expect(state).toContainText('Dokumentet kan inte godkännas än.')
  await expect(state).toContainText('Omdöme om Klimat och miljö: Behöver kompletteras (Rita Rasmussen) – Beskriv energibesparingen i siffror.')
  await expect(state).toContainText(`Olöst kommentar av Rita Rasmussen om ”${QUOTE}”`)
  await expect(state).toContainText('Underskrift 1, namn: fältet innehåller mallens platshållartext ”Klicka och skriv namn”.')
  await expect(alva.page.getByRole('button', { name: 'Bekräfta godkännande' })).toBeDisabled()
  expect(await axeViolations(alva.page)).toEqual([])
  await alva.page.getByRole('button', { name: 'Avbryt' }).click()

  // Fixed: the reviewer approves the perspective and the thread is resolved; the real signatory is back.
  await klimat.getByRole('button', { name: 'Ändra omdöme Klimat och miljö' }).click()
  await klimat.getByRole('radio', { name: 'Godtas' }).check()
  await klimat.getByRole('button', { name: 'Spara omdöme' }).click()
  await rita.page.getByRole('article', { name: 'Kommentar av Rita Rasmussen' }).getByRole('button', { name: 'Markera som löst' }).click()
  author.doc.getMap('meta').set('signatories', [SIGNATORY])

  await alva.page.getByRole('button', { name: 'Godkänn', exact: true }).click()
  await expect(state).toContainText('Granskningen är klar: inget hindrar godkännandet.')
  await alva.page.getByRole('button', { name: 'Bekräfta godkännande' }).click()
  await expect(alva.page.getByText('Godkänt – dokumentet är låst')).toBeVisible()

  // Locked means locked: the reviewer has no comment or verdict controls any more.
  await expect(rita.page.getByText('Godkänt – dokumentet är låst')).toBeVisible({ timeout: 15_000 })
  await expect(rita.page.getByRole('button', { name: 'Kommentera' })).toHaveCount(0)
  await expect(klimat.getByRole('button', { name: 'Ändra omdöme Klimat och miljö' })).toHaveCount(0)
  await expect(rita.page.getByRole('button', { name: /^Ge omdöme / })).toHaveCount(0)
  await expect(rita.page.getByRole('button', { name: 'Markera som löst' })).toHaveCount(0)

  // The author starts revision 2: a draft again, revision 1 kept with its approval.
  const anna = await signedInPage(browser, 'anna')
  await openDocument(anna.page, author.id)
  await anna.page.getByRole('button', { name: 'Ny revision' }).click()
  await anna.page.getByRole('button', { name: 'Starta revision 2' }).click()
  await expect(anna.page.locator('.statusbar').getByText('Revision 2', { exact: true })).toBeVisible()
  const revisions = anna.page.getByRole('region', { name: 'Godkända revisioner' })
  await expect(revisions).toContainText('Revision 1, godkänd av Alva Almqvist')
  await expect(revisions.getByRole('navigation', { name: 'Exportera revision 1' }).getByRole('link', { name: 'PDF' })).toHaveAttribute(
    'href',
    `/api/documents/${author.id}/revisions/1/export?format=pdf`,
  )
  expect(await axeViolations(anna.page)).toEqual([])
  await anna.page.getByRole('link', { name: 'Mina tjänsteutlåtanden' }).click()
  await expect(anna.page.getByRole('region', { name: 'Hela listan' }).getByRole('row').filter({ hasText: 'Godkännandets grind' })).toContainText('Revision 2')

  author.close()
  for (const c of [rita, alva, anna]) await c.context.close()
})

test('the author sees each header problem at the field and in the checklist, and word counts against their minimum', async ({ browser, baseURL }) => {
  const author = await writtenDocument(baseURL!, 'Uppgifternas grind', false)
  author.doc.getMap('meta').set('signatories', [{ name: 'Klicka och skriv namn', title: 'Rektor', forvaltning: '' }])
  author.doc.getMap('meta').set('namnd', '')
  const anna = await signedInPage(browser, 'anna')
  await openDocument(anna.page, author.id)
  const panel = anna.page.getByRole('complementary', { name: 'Perspektiv' })
  const checklist = panel.getByTestId('meta-checklist')
  await expect(checklist).toContainText('Nämnd saknas.')
  await expect(checklist).toContainText('Underskrift 1, namn: fältet innehåller mallens platshållartext ”Klicka och skriv namn”.')
  // Nämnd, the signature's name, and so no signatory at all.
  await expect(anna.page.getByText('3 uppgifter saknas eller är fel')).toBeVisible()

  await anna.page.getByRole('button', { name: 'Visa uppgifter' }).click()
  await expect(anna.page.getByLabel('Nämnd')).toHaveAttribute('aria-invalid', 'true')
  await expect(anna.page.getByLabel('Nämnd')).toHaveAccessibleDescription(/Nämnd saknas\./)
  await expect(anna.page.getByRole('textbox', { name: 'Titel', exact: true, description: 'Högst 300 tecken.' }).first()).toHaveAttribute('maxlength', '300')
  const dnr = anna.page.getByLabel('Diarienummer (Dnr)')
  await dnr.fill('eåv  2025/936')
  await dnr.blur()
  await expect(dnr).toHaveValue('EÅV 2025/936')
  await dnr.fill('KS 1989/4')
  // At the field and in the checklist, the same words.
  await expect(dnr).toHaveAccessibleDescription(/Diarienummer: året 1989 är inte möjligt/)
  await expect(checklist).toContainText('Diarienummer: året 1989 är inte möjligt')
  await dnr.fill('EÅV 2025/936')
  await anna.page.getByLabel('Nämnd').fill('Enskede-Årsta-Vantörs stadsdelsnämnd')
  await expect(checklist).not.toContainText('Nämnd saknas.')

  // Refused at review, naming the signature field.
  await anna.page.getByRole('button', { name: 'Skicka till granskning' }).click()
  const gate = anna.page.getByRole('alert').filter({ hasText: 'kan inte skickas till granskning' })
  await expect(gate).toContainText('Underskrift 1, namn: fältet innehåller mallens platshållartext')

  // Word counts against the minimum, live; a bare verdict says it is only a verdict.
  await expect(coverageItem(anna.page, 'Jämställdhetsanalys')).toContainText(/\d+ av minst 20 ord/)
  await selectText(anna.page, 'Äldreperspektiv', TEXT.aldre!)
  await anna.page.keyboard.type('Ej relevant.')
  await expect(coverageItem(anna.page, 'Äldreperspektiv')).toContainText(
    '”Ej relevant.” är bara ett konstaterande; skriv varför perspektivet inte berör ärendet.',
  )
  await expect(coverageItem(anna.page, 'Äldreperspektiv')).toContainText('0 av minst 15 ord motivering')
  expect(await axeViolations(anna.page)).toEqual([])
  author.close()
  await anna.context.close()
})

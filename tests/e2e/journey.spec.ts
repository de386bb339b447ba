/**
 * Issue 15's journey, through the web app only (no API calls): Anna creates a
 * tjänsteutlåtande and shares it with Erik (author), Rita (reviewer) and Alva (approver)
 * in the dialog; Erik co-writes; Anna fills in the header and the perspectives and sends it
 * to review; Rita is told live, comments and gives verdicts; the authors resolve; Alva
 * approves; the export is there. Everyone learns of what concerns them without reloading.
 */
import { expect, test, type Page } from '@playwright/test'
import { bell, coverageItem, sectionBody, selectText, signedInPage, unread, unreadNow } from './session.js'
import { axeViolations } from './axe.js'

const TEXT: Record<string, string> = {
  'Förvaltningens förslag till beslut': 'Stadsdelsnämnden godkänner förvaltningens svar på remissen om parkerna.',
  Sammanfattning: 'Förvaltningen ställer sig positiv till planen men vill att ansvaret fördelas tydligare mellan förvaltningarna.',
  Bakgrund: 'Kommunfullmäktige gav kommunstyrelsen i uppdrag att ta fram en samlad plan för trygghet i stadens parker.',
  Ärendet: 'Handlingsplanen innehåller tjugofyra åtgärder inom belysning, skötsel, aktiviteter och samverkan med polisen.',
  'Ärendets beredning': 'Ärendet har beretts av avdelningen för stadsmiljö i samråd med pensionärsrådet och funktionshinderrådet.',
  'Förvaltningens synpunkter och förslag': 'Förvaltningen saknar en finansieringsmodell för de åtgärder som kräver nya driftmedel under vinterhalvåret.',
  'Avslutande mening': 'Förvaltningen föreslår att stadsdelsnämnden godkänner tjänsteutlåtandet som svar på remissen.',
  Jämställdhetsanalys:
    'Trygghetsmätningen visar att kvinnor oftare än män avstår från parker på kvällen, medan unga män oftare utsätts för våld. Belysning och bemannade aktiviteter bedöms minska skillnaderna mellan könen, och uppföljningen sker med könsuppdelad statistik.',
  Barnrättsperspektiv:
    'Förslaget berör barn i förskoleåldern. Barn och unga använder lekplatser och bollplaner mest, och elever i årskurs fem pekade i dialoger ut mörka gångvägar som det största hindret för lek. Åtgärderna bedöms vara till barnens bästa.',
  Tillgänglighet:
    'Gångvägar med jämn beläggning, kontrastmarkeringar och vilplatser gör parkerna användbara för personer med nedsatt rörelse- eller synförmåga. Rådet för funktionshinderfrågor har lämnat synpunkter på belysningen och på skyltarnas läsbarhet.',
  Äldreperspektiv:
    'Äldre undviker ofta parker när det är mörkt och halt. Bättre belysning, fler bänkar med armstöd och vinterväghållning av gångstråken gör att äldre kan röra sig tryggt och självständigt under hela året.',
  'Klimat och miljö':
    'Belysningen byts till armaturer med låg energiförbrukning som styrs efter behov. Skötseln gynnar den biologiska mångfalden genom ängsytor, och inga träd fälls för att öppna siktlinjer utan att nya planteras i samma park.',
}
/** Erik writes these; Anna the rest. */
const ERIKS = ['Bakgrund', 'Ärendet', 'Ärendets beredning']
const PERSPECTIVES = ['Jämställdhetsanalys', 'Barnrättsperspektiv', 'Tillgänglighet', 'Äldreperspektiv', 'Klimat och miljö']
const QUESTION_ON = 'mörka gångvägar'

const axe = (page: Page, where?: string) => axeViolations(page, where)

/** Writes `text` at the end of a section's (empty) body. */
async function write(page: Page, section: string, text: string): Promise<void> {
  await sectionBody(page, section).click()
  await page.keyboard.insertText(text)
  await expect(sectionBody(page, section)).toContainText(text.slice(0, 40))
}

/** Waits until the bell says `count` unread (pushed, no reload), then follows the notification matching `text`. */
async function followNotification(page: Page, count: number, text: RegExp): Promise<void> {
  await expect(bell(page)).toHaveText(unread(count), { timeout: 20_000 })
  await bell(page).click()
  const link = page.getByRole('region', { name: 'Notiser' }).getByRole('link', { name: text }).first()
  await expect(link).toBeVisible()
  await link.click()
}

test('the journey: create, share, co-write, send to review, comment and judge, resolve, approve, export — UI only', async ({ browser }) => {
  // Four people, each with a browser, on a shared and loaded machine.
  test.setTimeout(300_000)
  const title = `Svar på remiss om trygghet i parker ${Date.now()}`
  const anna = await signedInPage(browser, 'anna')
  const erik = await signedInPage(browser, 'erik')
  const rita = await signedInPage(browser, 'rita')
  const alva = await signedInPage(browser, 'alva')
  const before = { erik: await unreadNow(erik.page), rita: await unreadNow(rita.page), alva: await unreadNow(alva.page) }

  // Anna creates it from the dashboard.
  await anna.page.getByRole('button', { name: 'Nytt tjänsteutlåtande' }).click()
  await anna.page.getByLabel('Mall').selectOption({ label: 'Tjänsteutlåtande – svar på remiss' })
  await anna.page.getByLabel('Titel').fill(title)
  await anna.page.getByLabel('Diarienummer (Dnr)').fill('EÅV 2026/4711')
  await anna.page.getByRole('button', { name: 'Skapa och öppna' }).click()
  await expect(anna.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(anna.page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible()

  // She shares it in the dialog: Erik co-writes, Rita reviews, Alva approves.
  await anna.page.getByRole('button', { name: /^Dela/ }).click()
  const dialog = anna.page.getByRole('dialog', { name: 'Dela dokumentet' })
  for (const [who, name, role] of [
    ['erik', 'Erik Ek', 'Författare'],
    ['rita', 'Rita Rasmussen', 'Granskare'],
    ['alva', 'Alva Almqvist', 'Godkännare'],
  ] as const) {
    await dialog.getByLabel('Sök på namn, titel eller användarnamn').fill(who)
    await dialog.getByLabel('Roll', { exact: true }).selectOption({ label: role })
    await dialog.getByRole('button', { name: `Lägg till ${name} som ${role.toLowerCase()}` }).click()
    await expect(dialog.getByRole('region', { name: 'Medlemmar' }).getByRole('listitem').filter({ hasText: name })).toBeVisible()
  }
  expect(await axe(anna.page, 'dialog[open]')).toEqual([])
  await dialog.getByRole('button', { name: 'Stäng' }).click()
  // Rita and Alva learn at once that they have a role.
  await expect(bell(rita.page)).toHaveText(unread(before.rita + 1))
  await expect(bell(alva.page)).toHaveText(unread(before.alva + 1))

  // Erik is told at once, on his dashboard, and follows the link into the document.
  await followNotification(erik.page, before.erik + 1, /gav dig rollen Författare/)
  await expect(erik.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(erik.page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible()

  // They write together: each sees the other's text without reloading.
  for (const section of ERIKS) await write(erik.page, section, TEXT[section]!)
  for (const section of Object.keys(TEXT).filter((s) => !ERIKS.includes(s))) await write(anna.page, section, TEXT[section]!)
  await expect(sectionBody(anna.page, 'Bakgrund')).toContainText('Kommunfullmäktige gav kommunstyrelsen')
  await expect(sectionBody(erik.page, 'Barnrättsperspektiv')).toContainText('mörka gångvägar')
  for (const p of PERSPECTIVES) await expect(coverageItem(anna.page, p)).toContainText('Bedömd')

  // Anna fills in the header the gate asks for.
  const meta = anna.page.getByRole('region', { name: 'Uppgifter' })
  if (await meta.getByRole('button', { name: 'Visa uppgifter' }).isVisible()) await meta.getByRole('button', { name: 'Visa uppgifter' }).click()
  await meta.getByLabel('Nämnd', { exact: true }).fill('Enskede-Årsta-Vantörs stadsdelsnämnd')
  await meta.getByLabel('Sammanträdesdatum').fill('2026-03-19')
  await meta.getByLabel('Svar senast').fill('2026-03-31')
  await meta.getByLabel('Förvaltning', { exact: true }).first().fill('Enskede-Årsta-Vantörs stadsdelsförvaltning')
  await meta.getByLabel('Handläggare', { exact: true }).fill('Anna Andersson')
  await meta.getByLabel('Handläggarens telefon').fill('08-508 000 00')
  await meta.getByLabel('Datum', { exact: true }).fill('2026-03-01')
  await meta.getByRole('button', { name: 'Lägg till undertecknare' }).click()
  const signatory = meta.getByRole('group', { name: 'Undertecknare 1' })
  await signatory.getByLabel('Namn').fill('Stefan Strand')
  await signatory.getByLabel('Titel').fill('Stadsdelsdirektör')
  expect(await axe(anna.page)).toEqual([])

  // Sent to review: Rita and Alva are told live.
  await anna.page.getByRole('button', { name: 'Skicka till granskning' }).click()
  await expect(anna.page.locator('.workspace__facts')).toContainText('Granskning')
  await expect(erik.page.locator('.workspace__facts')).toContainText('Granskning')
  await followNotification(rita.page, before.rita + 2, /skickade ”.*” till granskning\. Du är granskare\./)
  expect(await axe(rita.page, '#notification-panel')).toEqual([])
  await expect(rita.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(rita.page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible()

  // Rita asks a question (mentioning Anna) and judges every perspective.
  await selectText(rita.page, 'Barnrättsperspektiv', QUESTION_ON)
  await rita.page.getByRole('button', { name: 'Kommentera' }).click()
  const form = rita.page.getByRole('form', { name: 'Ny kommentar' })
  const box = form.getByLabel('Kommentar')
  await box.pressSequentially('@ann')
  await box.press('Enter')
  await box.pressSequentially('vilka gångvägar gäller det?')
  await form.getByRole('button', { name: 'Spara kommentar' }).click()
  for (const p of PERSPECTIVES) {
    const item = coverageItem(rita.page, p)
    await item.getByRole('button', { name: `Ge omdöme ${p}` }).click()
    await item.getByRole('radio', { name: 'Godtas' }).check()
    await item.getByRole('button', { name: 'Spara omdöme' }).click()
    await expect(coverageItem(anna.page, p)).toContainText('Omdöme: Godtas')
  }
  expect(await axe(rita.page)).toEqual([])

  // The authors see the question live; Erik answers, Anna resolves it.
  const thread = (page: Page) => page.getByRole('article', { name: 'Kommentar av Rita Rasmussen' }).filter({ hasText: 'vilka gångvägar gäller det?' })
  await expect(thread(erik.page)).toBeVisible()
  await thread(erik.page).getByRole('button', { name: 'Svara' }).click()
  await thread(erik.page).getByLabel('Svar').fill('Gångvägarna i Årstaskogen och runt Enskedefältet.')
  await thread(erik.page).getByRole('button', { name: 'Skicka svar' }).click()
  await expect(thread(anna.page)).toContainText('Årstaskogen')
  await thread(anna.page).getByRole('button', { name: 'Markera som löst' }).click()
  await expect(thread(rita.page)).toContainText('Löst av Anna Andersson')

  // Alva was told when it was sent; she approves.
  await followNotification(alva.page, before.alva + 2, /skickade ”.*” till granskning\. Du är godkännare\./)
  await expect(alva.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(alva.page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible()
  await alva.page.getByRole('button', { name: 'Godkänn', exact: true }).click()
  await alva.page.getByRole('button', { name: 'Bekräfta godkännande' }).click()
  await expect(alva.page.getByText('Godkänt – dokumentet är låst')).toBeVisible()

  // Everyone's open editor follows without reloading; the export is there.
  for (const page of [anna.page, erik.page, rita.page]) await expect(page.getByText('Godkänt – dokumentet är låst')).toBeVisible({ timeout: 20_000 })
  const exports = anna.page.getByRole('navigation', { name: 'Exportera' })
  await expect(exports.getByRole('link', { name: 'PDF' })).toBeVisible()
  expect(await axe(anna.page)).toEqual([])

  for (const c of [anna.context, erik.context, rita.context, alva.context]) await c.close()
})

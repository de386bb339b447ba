import { CLOSE_FLOOD, CLOSE_POLICY, CLOSE_QUOTA, CLOSE_REFUSALS_FROM, CLOSE_REFUSALS_TO } from '@perspektiv/model'

/**
 * What the user is told when the server closes a sync socket for good (the close codes of
 * apps/server/API.md "Sync"), in Swedish. The room says which part was refused: the text or
 * the comments and assessments.
 */
export function closeReasonText(code: number, room: 'content' | 'review'): string {
  const what = room === 'content' ? 'texten' : 'kommentarerna'
  switch (code) {
    case CLOSE_POLICY:
      return 'Servern stängde anslutningen: din behörighet har ändrats eller din inloggning har gått ut. Ladda om sidan.'
    case CLOSE_QUOTA:
      return `Ändringen är för stor eller så har du skickat för mycket på kort tid, så servern sparade den inte. Det finns en storleksgräns för ${what}. Ta bort eller korta det du senast lade till och ladda om sidan.`
    case CLOSE_FLOOD:
      return 'Servern stängde anslutningen: för många förfrågningar på kort tid. Vänta en halv minut och ladda om sidan.'
    default:
      return 'Servern stängde anslutningen. Ladda om sidan.'
  }
}

/** Whether a provider should reconnect after the server closed with `code`: not after a policy close or a refusal (44xx). */
export const mayReconnect = (code: number): boolean => code !== CLOSE_POLICY && !(code >= CLOSE_REFUSALS_FROM && code <= CLOSE_REFUSALS_TO)

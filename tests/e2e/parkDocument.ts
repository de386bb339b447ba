/**
 * A remissvar about safety in the city's parks, every section written, for the browser tests
 * that need a whole document (review.spec.ts, sharing-notifications.spec.ts): `SENTENCE` is
 * the passage they comment on.
 */
export const SENTENCE = 'Förslaget berör barn i förskoleåldern.'
export const PARK_TEXTS = {
  'forslag-till-beslut': 'Stadsdelsnämnden godkänner förvaltningens svar på remissen om parkerna.',
  sammanfattning: 'Förvaltningen ställer sig positiv till planen men vill att ansvaret fördelas tydligare mellan förvaltningarna.',
  bakgrund: 'Kommunfullmäktige gav kommunstyrelsen i uppdrag att ta fram en samlad plan för trygghet i stadens parker.',
  arendet: 'Handlingsplanen innehåller tjugofyra åtgärder inom belysning, skötsel, aktiviteter och samverkan med polisen.',
  beredning: 'Ärendet har beretts av avdelningen för stadsmiljö i samråd med pensionärsrådet och funktionshinderrådet.',
  synpunkter: 'Förvaltningen saknar en finansieringsmodell för de åtgärder som kräver nya driftmedel under vinterhalvåret.',
  jamstalldhet:
    'Trygghetsmätningen visar att kvinnor oftare än män avstår från parker på kvällen, medan unga män oftare utsätts för våld. Belysning och bemannade aktiviteter bedöms minska skillnaderna mellan könen, och uppföljningen sker med könsuppdelad statistik.',
  barnratt: `${SENTENCE} Barn och unga använder lekplatser och bollplaner mest, och elever i årskurs fem pekade i dialoger ut mörka gångvägar som det största hindret för lek. Åtgärderna bedöms vara till barnens bästa.`,
  tillganglighet:
    'Gångvägar med jämn beläggning, kontrastmarkeringar och vilplatser gör parkerna användbara för personer med nedsatt rörelse- eller synförmåga. Rådet för funktionshinderfrågor har lämnat synpunkter på belysningen och på skyltarnas läsbarhet.',
  aldre:
    'Äldre undviker ofta parker när det är mörkt och halt. Bättre belysning, fler bänkar med armstöd och vinterväghållning av gångstråken gör att äldre kan röra sig tryggt och självständigt under hela året.',
  'klimat-miljo':
    'Belysningen byts till armaturer med låg energiförbrukning som styrs efter behov. Skötseln gynnar den biologiska mångfalden genom ängsytor, och inga träd fälls för att öppna siktlinjer utan att nya planteras i samma park.',
  avslutning: 'Förvaltningen föreslår att nämnden godkänner svaret och överlämnar det till kommunstyrelsen.',
}

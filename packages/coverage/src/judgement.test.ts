/**
 * The not-relevant grammar (SPEC C7.1–C7.8) on a corpus of wordings written for it: each
 * row is a sentence as a TU writes it, whether it judges the perspective not relevant,
 * and the rule that decides. Named perspectives ("berör inte barn") and unnamed ones
 * ("Perspektivet är inte tillämpligt"), both clause orders, and assessments that only
 * resemble a judgement.
 */
import { describe, expect, it } from 'vitest'
import { clauses, judgesNotRelevant } from './judgement.js'

type Row = [rule: string, sentence: string, judged: boolean]

const CORPUS: Row[] = [
  // C7.4 main-clause order: finite verb, (subject/adverb), negation, predicate.
  ['C7.4', 'Ej relevant.', true],
  ['C7.4', 'Inte aktuellt.', true],
  ['C7.4', 'Perspektivet är inte relevant i detta ärende.', true],
  ['C7.4', 'Perspektivet är inte tillämpligt.', true],
  ['C7.4', 'Jämställdhetsperspektivet bedöms inte vara relevant för ärendet.', true],
  ['C7.4', 'Ärendet berör inte barn.', true],
  ['C7.4', 'Förslaget påverkar därmed inte äldre.', true],
  ['C7.4', 'Kvinnor och män påverkas inte.', true],
  ['C7.4', 'Barn berörs inte av förslaget.', true],
  ['C7.4', 'Därför berörs barn inte av beslutet.', true],
  ['C7.4', 'Äldre omfattas inte av den föreslagna ändringen.', true],
  ['C7.4', 'Klimatet och miljön påverkas inte nämnvärt av förslaget.', true],
  ['C7.4', 'Perspektivet har inte bedömts vara aktuellt.', true],
  ['C7.4', 'Förslaget bedöms inte medföra några konsekvenser för personer med funktionsnedsättning.', true],
  ['C7.4', 'Remissen har inte någon betydelse för stadsdelens äldre.', true],
  ['C7.4', 'Ärendet kommer inte att påverka barn i stadsdelen.', true],
  ['C7.4', 'Förslaget bedöms ej relevant ur ett tillgänglighetsperspektiv.', true],
  ['C7.4', 'Frågan är inte heller aktuell för förvaltningens verksamhet.', true],
  ['C7.4', 'Det finns inte någon koppling mellan förslaget och klimatarbetet.', true],
  ['C7.4', 'Beslutet är inte av betydelse för jämställdheten.', true],
  ['C7.4', 'Förslaget påverkar inte det minsta hur äldre tar del av servicen.', true],
  ['C7.4', 'Ärendet gäller inte barn eller unga.', true],
  ['C7.4', 'Remissen är inte av sådan karaktär att den påverkar klimatet.', true],
  ['C7.2', 'Förslaget bedöms inte innebära någon förändring för äldre.', true],
  // C7.4 subordinate-clause order: negation before the finite verb.
  ['C7.4', 'Nämnden anser att frågan inte är aktuell för äldre i det här fallet.', true],
  ['C7.4', 'Förvaltningen bedömer att ärendet inte berör barn.', true],
  ['C7.4', 'Förvaltningen gör bedömningen att förslaget inte bedöms påverka äldre.', true],
  ['C7.4', 'Remissen besvaras utan vidare analys eftersom remissen inte är tillämplig på stadsdelens verksamhet.', true],
  ['C7.4', 'Förvaltningen konstaterar att förslaget inte har någon påverkan på jämställdheten.', true],
  ['C7.4', 'Det är förvaltningens bedömning att beslutet inte i någon högre grad påverkar barn.', true],
  ['C7.4', 'Förvaltningen menar att ärendet inte kan anses vara relevant ur ett barnrättsperspektiv.', true],
  ['C7.4', 'Stadsdelsförvaltningen bedömer att förslaget varken berör flickor eller pojkar.', true],
  ['C7.4', 'Kontoret bedömer att perspektivet inte heller är tillämpligt på den här typen av yttranden.', true],
  ['C7.1', 'Nämnden anser att frågan inte är aktuell eftersom riktlinjen enbart reglerar anmälan av lokalbehov.', true],
  ['C7.1', 'Ärendet berör inte barn vilket främst beror på att det gäller pensionärsrådets arbetsordning.', true],
  ['C7.8', 'Ärendet berör inte barn och gäller endast nämndens arbetsordning.', true],
  ['C7.4', 'Förvaltningen bedömer att ett införande inte skulle medföra några effekter för klimatet.', true],
  // C7.2 negative determiners and "saknar".
  ['C7.2', 'Förslaget har ingen påverkan på jämställdheten.', true],
  ['C7.2', 'Ärendet har ingen bäring på barns rättigheter.', true],
  ['C7.2', 'Inga konsekvenser för äldre.', true],
  ['C7.2', 'Ärendet har inga jämställdhetsaspekter.', true],
  ['C7.2', 'Ärendet innehåller inga förslag som påverkar barn.', true],
  ['C7.2', 'Remissen innehåller inget som direkt berör äldre.', true],
  ['C7.2', 'Åtgärden bedöms inte medföra någon märkbar klimatpåverkan.', true],
  ['C7.2', 'Förslaget bedöms vara utan betydelse för barn.', true],
  ['C7.2', 'Ändringen kan genomföras utan att personer med funktionsnedsättning påverkas.', true],
  ['C7.2', 'Förändringen medför inga särskilda effekter för klimatet.', true],
  ['C7.2', 'Ärendet saknar betydelse för klimat och miljö.', true],
  ['C7.2', 'Förslaget saknar relevans för tillgängligheten.', true],
  ['C7.2', 'Ärendet bedöms sakna koppling till barnrättsperspektivet.', true],
  ['C7.2', 'Någon koppling till äldreperspektivet saknas.', true],
  ['C7.6', 'Inget att redovisa.', true],
  // C7.5 not analysed, with a reason.
  ['C7.5', 'Någon analys har inte gjorts eftersom ärendet gäller intern administration.', true],
  ['C7.5', 'En barnkonsekvensanalys har inte genomförts då beslutet gäller lokalhyror.', true],
  ['C7.5', 'Perspektivet har inte analyserats särskilt i detta ärende.', true],
  ['C7.5', 'Förvaltningen har inte gjort någon jämställdhetsanalys av remissen.', true],
  ['C7.5', 'Någon barnkonsekvensanalys bedöms inte behövas.', true],
  ['C7.5', 'Utifrån ärendets karaktär har ingen särskild analys gjorts.', true],
  ['C7.5', 'En fördjupad analys har inte bedömts nödvändig för detta yttrande.', true],
  // C7.6 neutral.
  ['C7.6', 'Förslaget är könsneutralt.', true],
  ['C7.6', 'Förslaget bedöms vara neutralt ur ett jämställdhetsperspektiv.', true],
  // C7.7 negation raising.
  ['C7.7', 'Förvaltningen bedömer inte att förslaget påverkar barn.', true],
  ['C7.7', 'Vi ser inte att ärendet har någon koppling till tillgänglighet.', true],
  ['C7.7', 'Förvaltningen kan inte se att ärendet påverkar barn.', true],
  ['C7.7', 'Förvaltningen har inte funnit att förslaget påverkar äldre.', true],
  // C7.1 a heading that says so (the dash is a clause boundary).
  ['C7.1', 'Jämställdhetsanalys – ej relevant', true],
  ['C7.1', 'Barnrättsperspektiv: inte aktuellt', true],

  // C7.8 limiters: the negation denies a limitation, a direction or an equality.
  ['C7.8', 'Förslaget påverkar inte bara kvinnor utan även män i personalgruppen.', false],
  ['C7.8', 'Ärendet berör inte endast barn i förskoleåldern.', false],
  ['C7.8', 'Inte minst barn med funktionsnedsättning påverkas av förändringen.', false],
  ['C7.8', 'Förslaget bedöms inte påverka barn negativt, eftersom öppettiderna förlängs.', false],
  ['C7.8', 'Förslaget har inga negativa konsekvenser för barn, tvärtom förbättras skolvägen.', false],
  ['C7.8', 'Äldre påverkas inte lika mycket som yngre invånare av den nya taxan.', false],
  ['C7.8', 'Kvinnor och män påverkas inte på samma sätt eftersom kvinnor oftare arbetar deltid.', false],
  ['C7.8', 'Förslaget påverkar inte alla äldre, men de som bor i ytterområdena får längre resväg.', false],
  ['C7.8', 'Ärendet berör inte direkt barn, men föräldrarnas arbetstider förändras och det påverkar barnens vardag.', false],
  ['C7.8', 'Förslaget berör inte i första hand barn utan deras vårdnadshavare.', false],
  ['C7.8', 'Barn berörs inte av förslaget i sig, men av de åtgärder som följer av det.', false],
  // C7.3 the negation belongs to a subgroup ("som inte") or a condition ("om inte").
  ['C7.3', 'Barn som inte omfattas av förskoleplatsgarantin får vänta längre.', false],
  ['C7.3', 'Personer som inte har tillgång till dator påverkas mest av den digitala ansökan.', false],
  ['C7.3', 'Om inte tillgängligheten säkras påverkas personer som använder rullstol.', false],
  // C7.6 a negated neutrality is an assessment.
  ['C7.6', 'Förslaget är inte neutralt ur ett jämställdhetsperspektiv eftersom kvinnor oftare arbetar deltid.', false],
  // C7.1 a negation and a predicate in different clauses.
  ['C7.1', 'Statistiken är inte uppdelad på kön, men förslaget påverkar främst kvinnor i personalen.', false],
  ['C7.1', 'Det finns ingen könsuppdelad statistik, men förvaltningens egna räkningar visar att flickor deltar mindre.', false],
  // C7.2 no negation, or no relevance predicate.
  ['C7.2', 'Förvaltningen har analyserat förslaget och bedömer att det förbättrar servicen för äldre.', false],
  ['C7.2', 'Barn och unga berörs indirekt genom att föräldrarnas tillgång till service förbättras.', false],
  ['C7.2', 'Det är inte ovanligt att äldre påverkas mer av förändringar i kollektivtrafiken.', false],
  ['C7.2', 'Förslaget påverkar i första hand kvinnor, som är i majoritet bland personalen.', false],
  ['C7.2', 'Förslaget medför stora konsekvenser för barn i familjer med låga inkomster.', false],
  ['C7.2', 'Klimatpåverkan minskar eftersom resorna blir färre och kortare.', false],
  ['C7.2', 'Den relevanta frågan är hur äldre ska nå servicen när kontoret flyttar.', false],
  ['C7.2', 'Ärendet är aktuellt för många barn, eftersom skolvägen förändras.', false],
  ['C7.2', 'Förvaltningen har inte haft möjlighet att inhämta barns synpunkter inför yttrandet.', false],
  ['C7.2', 'Beslutet har stor betydelse för personer med funktionsnedsättning som reser med färdtjänst.', false],
  ['C7.2', 'Ingen ska behöva avstå från kulturlivet på grund av sin funktionsnedsättning.', false],
  ['C7.2', 'Inga barn som bor i området ska behöva byta skola.', false],
  ['C7.2', 'Inga barn som påverkas av flytten ska behöva byta skola.', false],
  ['C7.1', 'Förslaget kan inte genomföras utan att påverka barnens vardag under byggtiden.', false],
  ['C7.8', 'Åtgärden bedöms inte medföra någon negativ miljöpåverkan, tvärtom minskar utsläppen.', false],
  ['C7.5', 'Förvaltningen har gjort en analys av hur kvinnor och män använder tjänsten.', false],
  ['C7.5', 'Konsekvenserna för barn har inte analyserats i remissen, vilket förvaltningen ser som en brist.', false],
  ['C7.5', 'Konsekvenser för äldre saknas i förslaget och bör tas fram innan beslut.', false],
  ['C7.5', 'Någon jämställdhetsanalys har inte gjorts i utredningen och förvaltningen efterfrågar en sådan.', false],
  ['C7.8', 'Den nya busslinjen påverkar inte miljön mer än den nuvarande.', false],
]

describe('the not-relevant grammar, on a corpus of wordings', () => {
  it('has at least 60 sentences, both outcomes and both clause orders', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60)
    expect(CORPUS.filter((r) => r[2]).length).toBeGreaterThanOrEqual(25)
    expect(CORPUS.filter((r) => !r[2]).length).toBeGreaterThanOrEqual(25)
  })

  for (const [rule, sentence, judged] of CORPUS) {
    it(`[${rule}] ${judged ? 'judges' : 'does not judge'}: ${sentence}`, () => {
      expect(judgesNotRelevant(sentence)).toBe(judged)
    })
  }
})

describe('clauses', () => {
  it('[C7.1] splits at inner punctuation and at contrasting conjunctions, and notes the contrast', () => {
    expect(clauses('Ärendet berör inte barn, men föräldrar; se bilaga (1) – slut eftersom det är så')).toEqual({
      clauses: [['ärendet', 'berör', 'inte', 'barn'], ['föräldrar'], ['se', 'bilaga'], ['1'], ['slut'], ['det', 'är', 'så']],
      contrast: true,
    })
    expect(clauses('Ej relevant.').contrast).toBe(false)
  })
})

"""Assi's own sentences in each language (content, like the knowledge base: chosen by the question's
language, not the page's)."""

CLARIFY = {
    "fi": "En ole varma, mitä tarkoitat. Tarkoititko jotakin näistä?",
    "sv": "Jag är inte säker på vad du menar. Menade du något av följande?",
    "en": "I am not sure what you mean. Did you mean one of these?",
}
REFUSE = {
    "fi": "En valitettavasti löytänyt tähän vastausta. Voit kysyä toisin sanoin tai siirtyä "
    "keskustelemaan ihmisen kanssa.",
    "sv": "Tyvärr hittade jag inget svar på det. Du kan fråga med andra ord eller prata med en människa.",
    "en": "Sorry, I could not find an answer to that. You can ask in other words or talk to a person.",
}
SYMPTOM_NOTE = {
    "fi": "En voi arvioida oireita enkä tehdä diagnoosia. Tee oirearvio hoidon tarpeen arvioinnissa, "
    "niin saat ohjeen oikeaan paikkaan. Kiireellisissä tilanteissa soita 116 117, hätätilanteessa 112.",
    "sv": "Jag kan inte bedöma symtom eller ställa diagnos. Gör en bedömning av vårdbehovet så får du "
    "råd om vart du ska vända dig. I brådskande fall ring 116 117, i nödsituationer 112.",
    "en": "I cannot assess symptoms or give a diagnosis. Use the care-need assessment to be guided to "
    "the right place. If it is urgent, call 116 117; in an emergency call 112.",
}
ASSESSMENT_LABEL = {
    "fi": "Hoidon tarpeen arviointi",
    "sv": "Bedömning av vårdbehov",
    "en": "Care-need assessment",
}
SERVICE_OFFER = {
    "fi": "Palveluhakemistosta löytyi:",
    "sv": "I tjänsteregistret finns:",
    "en": "Found in the service directory:",
}

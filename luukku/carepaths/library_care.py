"""Care paths beyond surgery: work and education, infertility, palliative care, asthma, the own health team
and rehabilitative work activity. Written for Luukku from the content of public patient and client
instructions of Finnish wellbeing services counties and Käypä hoito patient versions (our own text)."""

from .models import Anchor, MeasurementKind, Phase, TaskKind
from .spec import DOCTOR_VIDEO, NURSE, SOCIAL_COUNSELLING, _t, task

PEF_DIARY = "pef-seuranta"
PEF_ROUTING = (PEF_DIARY, "pef", 3)  # 3 = the guideline's "at least three times" (scoring.pef_monitoring)

WORK_AND_EDUCATION = {
    "code": "tyo-ja-opiskelu",
    "self_enrolling": True,
    "name": _t("Työ ja opiskelu", "Arbete och studier", "Work and education"),
    "description": _t(
        "Kun etsit työtä tai opiskelupaikkaa tai opinnot tai työ ovat katkenneet ja tarvitset tukea arkeen, "
        "jaksamiseen tai toimeentuloon.",
        "När du söker arbete eller studieplats, eller studierna eller arbetet har avbrutits och du behöver "
        "stöd i vardagen, orken eller försörjningen.",
        "When you are looking for work or a place to study, or your studies or work have stopped and you "
        "need support with everyday life, coping or income.",
    ),
    "tasks": [
        task(
            TaskKind.READ,
            _t("Mitä polku tarjoaa", "Vad vägen erbjuder", "What the path offers"),
            _t(
                "Polulla kartoitetaan tilanteesi ja sovitaan yhdessä seuraavista askelista: opinto-ohjaus, "
                "työllisyyspalvelut, nuorten Ohjaamo, terveyden ja jaksamisen tuki sekä sosiaaliohjaus. Voit "
                "kirjoittaa tiimille viestin missä vaiheessa tahansa.",
                "På vägen kartläggs din situation och ni kommer överens om nästa steg: studiehandledning, "
                "sysselsättningstjänster, Navigatorn för unga, stöd för hälsa och ork samt "
                "socialhandledning. Du kan skriva till teamet när som helst.",
                "The path maps your situation and together you agree on the next steps: study guidance, "
                "employment services, the Ohjaamo one-stop guidance centre for young people, support for "
                "health and coping, and social guidance. You can write to the team at any time.",
            ),
        ),
        task(
            TaskKind.READ,
            _t("Arki ja jaksaminen", "Vardag och ork", "Everyday life and coping"),
            _t(
                "Säännöllinen unirytmi, ateriat ja päivittäinen liikkuminen auttavat jaksamaan. Jos mieliala "
                "on ollut pitkään matala tai päihteitä kuluu enemmän kuin haluaisit, kerro siitä tiimille: "
                "apua saa myös mielenterveys- ja päihdechatista.",
                "En regelbunden sömnrytm, måltider och daglig rörelse hjälper dig att orka. Om du länge har "
                "känt dig nedstämd eller använder mer rusmedel än du vill, berätta det för teamet: hjälp får "
                "du också i chatten om psykisk hälsa och missbruk.",
                "A regular sleep rhythm, meals and daily exercise help you cope. If your mood has been low "
                "for a long time or you use more alcohol or drugs than you would like, tell the team: you "
                "can also get help in the mental health and substance use chat.",
            ),
            due=2,
        ),
        task(
            TaskKind.QUESTIONNAIRE,
            _t("Alkoholinkäyttö (AUDIT)", "Alkoholvanor (AUDIT)", "Alcohol use (AUDIT)"),
            _t(
                "Vastaukset auttavat sovittamaan tuen tilanteeseesi.",
                "Svaren hjälper oss att anpassa stödet efter din situation.",
                "Your answers help us fit the support to your situation.",
            ),
            due=7,
            questionnaire="audit",
        ),
        task(
            TaskKind.BOOKING,
            _t(
                "Varaa aika sosiaaliohjaukseen",
                "Boka tid för socialhandledning",
                "Book a time for social guidance",
            ),
            _t(
                "Sosiaaliohjaaja käy kanssasi läpi toimeentulon, asumisen ja palvelut ja tekee kanssasi "
                "suunnitelman.",
                "Socialhandledaren går igenom försörjning, boende och tjänster med dig och gör en plan "
                "tillsammans med dig.",
                "The social counsellor goes through income, housing and services with you and makes a plan "
                "with you.",
            ),
            due=14,
            remind=True,
            service=SOCIAL_COUNSELLING,
        ),
        task(
            TaskKind.READ,
            _t(
                "Tuet opiskeluun ja työnhakuun",
                "Stöd för studier och arbetssökande",
                "Support for studies and job seeking",
            ),
            _t(
                "Kelan opintotuki, työttömyysturva ja ammatillinen kuntoutus voivat tukea opintoja ja työhön "
                "paluuta. Ilmoittaudu työnhakijaksi työllisyyspalveluihin, jos haet työttömyysetuutta.",
                "FPA:s studiestöd, utkomstskydd för arbetslösa och yrkesinriktad rehabilitering kan stödja "
                "studier och återgång till arbete. Anmäl dig som arbetssökande till "
                "sysselsättningstjänsterna om du söker arbetslöshetsförmån.",
                "Kela's student financial aid, unemployment benefits and vocational rehabilitation can "
                "support studies and a return to work. Register as a jobseeker with the employment services "
                "if you apply for unemployment benefit.",
            ),
            due=21,
        ),
    ],
}

INFERTILITY = {
    "code": "lapsettomuus",
    "self_enrolling": True,
    "name": _t("Lapsettomuuden selvittely", "Utredning av ofrivillig barnlöshet", "Infertility assessment"),
    "description": _t(
        "Kun raskaus ei ole alkanut vuoden säännöllisen yrittämisen jälkeen, tai puolen vuoden jälkeen, jos "
        "nainen on 35-vuotias tai vanhempi.",
        "När graviditet inte har börjat efter ett års regelbundna försök, eller efter ett halvår om kvinnan "
        "är 35 år eller äldre.",
        "When a pregnancy has not started after a year of regular trying, or after six months if the woman "
        "is 35 or older.",
    ),
    "tasks": [
        task(
            TaskKind.READ,
            _t("Mitä selvittely sisältää", "Vad utredningen innehåller", "What the assessment includes"),
            _t(
                "Terveysasemalla selvitetään molempien kumppaneiden terveys, kuukautiskierto ja "
                "ovulaatio hormonikokein, siemennesteen laatu ja klamydia. Tulosten perusteella lääkäri "
                "ohjaa tarvittaessa naistentautien poliklinikalle tai hedelmöityshoitoihin.",
                "På hälsostationen utreds båda partnernas hälsa, menstruationscykeln och ägglossningen med "
                "hormonprov, sädesvätskans kvalitet och klamydia. Utifrån resultaten remitterar läkaren vid "
                "behov till kvinnopolikliniken eller till fertilitetsbehandling.",
                "At the health station, the health of both partners, the menstrual cycle and ovulation (with "
                "hormone tests), semen quality and chlamydia are examined. Based on the results, the doctor "
                "refers you to the gynaecology outpatient clinic or fertility treatment when needed.",
            ),
        ),
        task(
            TaskKind.QUESTIONNAIRE,
            _t("Täytä esitietolomake", "Fyll i förhandsuppgifterna", "Fill in the pre-information form"),
            _t(
                "Kerro sairauksistasi, lääkkeistäsi ja aiemmista leikkauksista. Kumppanisi täyttää oman "
                "lomakkeensa.",
                "Berätta om dina sjukdomar, mediciner och tidigare operationer. Din partner fyller i sin "
                "egen blankett.",
                "Tell about your illnesses, medicines and earlier operations. Your partner fills in their "
                "own form.",
            ),
            due=7,
            remind=True,
            questionnaire="esitiedot",
        ),
        task(
            TaskKind.READ,
            _t(
                "Elintavat ja hedelmällisyys",
                "Levnadsvanor och fertilitet",
                "Lifestyle and fertility",
            ),
            _t(
                "Tupakointi, runsas alkoholinkäyttö sekä selvä yli- tai alipaino heikentävät "
                "hedelmällisyyttä molemmilla. Aloita foolihappo (400 mikrogrammaa päivässä) jo raskautta "
                "yrittäessä.",
                "Rökning, riklig alkoholkonsumtion och tydlig över- eller undervikt försämrar fertiliteten "
                "hos båda. Börja med folsyra (400 mikrogram om dagen) redan när ni försöker bli gravida.",
                "Smoking, heavy drinking and clear over- or underweight reduce fertility in both partners. "
                "Start folic acid (400 micrograms a day) already while trying for a pregnancy.",
            ),
            due=7,
        ),
        task(
            TaskKind.BOOKING,
            _t("Varaa aika lääkärille", "Boka tid hos läkaren", "Book a time with the doctor"),
            _t(
                "Lääkäri käy läpi esitiedot ja määrää tutkimukset. Varaa aika, kun kummankin esitiedot on "
                "täytetty.",
                "Läkaren går igenom förhandsuppgifterna och ordinerar undersökningarna. Boka tid när båda "
                "har fyllt i förhandsuppgifterna.",
                "The doctor goes through the pre-information and orders the tests. Book a time once both "
                "partners have filled in their forms.",
            ),
            due=14,
            remind=True,
            service=DOCTOR_VIDEO,
        ),
        task(
            TaskKind.READ,
            _t("Tuki ja jaksaminen", "Stöd och ork", "Support and coping"),
            _t(
                "Lapsettomuus voi kuormittaa parisuhdetta ja mieltä. Voit keskustella tunteistasi hoitajan "
                "kanssa tai hakea vertaistukea potilasjärjestöistä.",
                "Ofrivillig barnlöshet kan belasta parförhållandet och sinnet. Du kan tala om dina känslor "
                "med sjukskötaren eller söka kamratstöd hos patientorganisationer.",
                "Infertility can strain a relationship and your mind. You can talk about your feelings with "
                "the nurse or look for peer support from patient organisations.",
            ),
            due=30,
        ),
    ],
}

PALLIATIVE = {
    "code": "palliatiivinen-hoito",
    "self_enrolling": False,
    "name": _t("Palliatiivinen hoito", "Palliativ vård", "Palliative care"),
    "description": _t(
        "Oireita lievittävä hoito ja tuki, kun sairautta ei voida parantaa. Polku tukee sinua ja läheisiäsi.",
        "Symtomlindrande vård och stöd när sjukdomen inte kan botas. Vägen stöder dig och dina närstående.",
        "Care that relieves symptoms and support when an illness cannot be cured. The path supports you and "
        "your loved ones.",
    ),
    "tasks": [
        task(
            TaskKind.READ,
            _t("Mitä palliatiivinen hoito on", "Vad palliativ vård är", "What palliative care is"),
            _t(
                "Hoidon tavoite on hyvä elämänlaatu: kivun, hengenahdistuksen, pahoinvoinnin ja ahdistuksen "
                "lievitys sekä tuki sinulle ja läheisillesi. Hoitoa voidaan antaa kotona, palveluasumisessa "
                "tai osastolla.",
                "Målet med vården är god livskvalitet: lindring av smärta, andnöd, illamående och ångest "
                "samt stöd för dig och dina närstående. Vården kan ges hemma, i serviceboende eller på "
                "avdelning.",
                "The aim of care is a good quality of life: relief of pain, breathlessness, nausea and "
                "anxiety, and support for you and your loved ones. Care can be given at home, in sheltered "
                "housing or on a ward.",
            ),
        ),
        task(
            TaskKind.READ,
            _t(
                "Ennakoiva hoitosuunnitelma ja hoitotahto",
                "Förhandsplanering av vården och vårdvilja",
                "Advance care plan and living will",
            ),
            _t(
                "Kerro lääkärille ja hoitajalle, mikä sinulle on tärkeää ja missä haluat olla hoidettavana. "
                "Hoitotahdon voit tallentaa Omakantaan. Sovitut asiat kirjataan hoitosuunnitelmaan.",
                "Berätta för läkaren och sjukskötaren vad som är viktigt för dig och var du vill bli vårdad. "
                "Din vårdvilja kan du spara i Mina Kanta-sidor. Det ni kommit överens om skrivs in i "
                "vårdplanen.",
                "Tell the doctor and the nurse what matters to you and where you want to be cared for. You "
                "can save your living will in My Kanta. What you agree on is written into your care plan.",
            ),
            due=7,
        ),
        task(
            TaskKind.BOOKING,
            _t(
                "Hoitosuunnitelmakäynti hoitajan kanssa",
                "Vårdplaneringsbesök hos sjukskötaren",
                "Care plan visit with the nurse",
            ),
            _t(
                "Sovitaan oireiden hoidosta, lääkkeistä, apuvälineistä ja siitä, kuka käy kotonasi.",
                "Ni kommer överens om symtomlindring, mediciner, hjälpmedel och vem som besöker dig hemma.",
                "You agree on symptom relief, medicines, aids and who visits you at home.",
            ),
            due=7,
            remind=True,
            service=NURSE,
        ),
        task(
            TaskKind.MEASUREMENT,
            _t("Kipu viikoittain", "Smärta varje vecka", "Pain every week"),
            _t(
                "Merkitse kipusi asteikolla 0–10. Hoitotiimi näkee tuloksen. Jos kipu ei helpotu sovituilla "
                "lääkkeillä, soita sovittuun ympärivuorokautiseen numeroon tai päivystysnumeroon 116 117.",
                "Ange din smärta på en skala 0–10. Vårdteamet ser resultatet. Om smärtan inte lindras av de "
                "överenskomna medicinerna, ring det överenskomna dygnet-runt-numret eller jourhjälpen 116 "
                "117.",
                "Record your pain on a scale of 0–10. The care team sees the result. If the pain does not "
                "ease with the agreed medicines, call the agreed round-the-clock number or the on-call "
                "number 116 117.",
            ),
            due=14,
            remind=True,
            measurement=MeasurementKind.PAIN,
        ),
        task(
            TaskKind.READ,
            _t("Tukea läheisille", "Stöd för närstående", "Support for loved ones"),
            _t(
                "Läheisesi voi kysyä neuvoa hoitotiimiltä, sopia omaishoidon tuesta ja saada tukea surussa "
                "myös kuoleman jälkeen.",
                "Dina närstående kan be vårdteamet om råd, komma överens om stöd för närståendevård och få "
                "stöd i sorgen även efter dödsfallet.",
                "Your loved ones can ask the care team for advice, agree on informal care support and get "
                "support in grief, also after the death.",
            ),
            due=14,
        ),
    ],
}

ASTHMA = {
    "code": "astma",
    "self_enrolling": False,
    "routing": PEF_ROUTING,
    "name": _t("Astma", "Astma", "Asthma"),
    "description": _t(
        "PEF-kotiseuranta kahden viikon ajan, astman omahoito ja seurantakäynnit 3 ja 6 kuukauden kuluttua.",
        "PEF-uppföljning hemma i två veckor, egenvård vid astma och uppföljningsbesök efter 3 och 6 månader.",
        "Two weeks of PEF home monitoring, asthma self-care and follow-up visits at 3 and 6 months.",
    ),
    "tasks": [
        task(
            TaskKind.READ,
            _t("PEF-mittaus kotona", "PEF-mätning hemma", "Measuring PEF at home"),
            _t(
                "Puhalla mittariin aamulla heti herättyäsi ja illalla, aina samassa asennossa. Vedä keuhkot "
                "täyteen, sulje huulet suukappaleen ympärille ja puhalla lyhyesti ja mahdollisimman "
                "voimakkaasti. Puhalla kolme kertaa ja kirjaa paras lukema. Puhalla uudelleen 15–20 "
                "minuuttia avaavan lääkkeen jälkeen.",
                "Blås i mätaren på morgonen genast när du vaknat och på kvällen, alltid i samma ställning. "
                "Andas in så djupt du kan, slut läpparna runt munstycket och blås kort och så kraftigt som "
                "möjligt. Blås tre gånger och anteckna det bästa värdet. Blås igen 15–20 minuter efter den "
                "luftrörsvidgande medicinen.",
                "Blow into the meter in the morning as soon as you wake up and in the evening, always in the "
                "same position. Breathe in fully, close your lips around the mouthpiece and blow short and "
                "as hard as you can. Blow three times and write down the best reading. Blow again 15–20 "
                "minutes after the reliever.",
            ),
        ),
        task(
            TaskKind.QUESTIONNAIRE,
            _t("PEF-seuranta kahden viikon ajan", "PEF-uppföljning i två veckor", "Two-week PEF monitoring"),
            _t(
                "Kirjaa lukemat päivittäin ja lähetä lomake, kun kaksi viikkoa on täynnä. Vaihtelu lasketaan "
                "Käypä hoito -suosituksen mukaan.",
                "Anteckna värdena varje dag och skicka blanketten när två veckor har gått. Variationen "
                "räknas enligt God medicinsk praxis-rekommendationen.",
                "Enter the readings every day and send the form when the two weeks are over. The variation "
                "is calculated as the Current Care guideline defines it.",
            ),
            due=14,
            remind=True,
            questionnaire=PEF_DIARY,
        ),
        task(
            TaskKind.BOOKING,
            _t(
                "Varaa aika lääkärille PEF-seurannan tuloksista",
                "Boka tid hos läkaren om resultaten av PEF-uppföljningen",
                "Book a time with the doctor about your PEF results",
            ),
            _t(
                "Seurannassa oli astmalle tyypillistä vaihtelua. Lääkäri arvioi diagnoosin ja lääkityksen "
                "kanssasi.",
                "Uppföljningen visade variation som är typisk för astma. Läkaren bedömer diagnosen och "
                "medicineringen med dig.",
                "The monitoring showed variation typical of asthma. The doctor assesses the diagnosis and "
                "your medication with you.",
            ),
            phase=Phase.WITH_PROFESSIONAL,
            anchor=Anchor.PHASE,
            due=7,
            remind=True,
            service=DOCTOR_VIDEO,
        ),
        task(
            TaskKind.READ,
            _t(
                "Vaihtelu jäi alle astman rajojen",
                "Variationen låg under gränserna för astma",
                "The variation stayed below the asthma limits",
            ),
            _t(
                "Hoitotiimi käy seurannan läpi ja kertoo, tarvitaanko muita tutkimuksia. Jos oireet "
                "jatkuvat, kirjoita tiimille viesti.",
                "Vårdteamet går igenom uppföljningen och berättar om andra undersökningar behövs. Om "
                "symtomen fortsätter, skriv till teamet.",
                "The care team goes through the monitoring and tells you whether other tests are needed. If "
                "your symptoms continue, write to the team.",
            ),
            phase=Phase.SELF_CARE,
            anchor=Anchor.PHASE,
        ),
        task(
            TaskKind.READ,
            _t("Astman omahoito", "Egenvård vid astma", "Asthma self-care"),
            _t(
                "Ota tulehdusta hoitava lääke säännöllisesti, vaikka oireita ei olisi. Tarkista "
                "inhalaatiotekniikka apteekissa tai hoitajan kanssa. Tupakoinnin lopettaminen ja liikunta "
                "parantavat astman hallintaa. Jos avaavaa lääkettä tarvitaan tavallista enemmän, toimi "
                "omahoitosuunnitelmasi mukaan; jos hengitys ei helpotu, soita 112.",
                "Ta den inflammationsdämpande medicinen regelbundet även när du inte har symtom. Kontrollera "
                "inhalationstekniken på apoteket eller med sjukskötaren. Att sluta röka och att motionera "
                "förbättrar astmakontrollen. Om du behöver mer luftrörsvidgande medicin än vanligt, följ din "
                "egenvårdsplan; om andningen inte lättar, ring 112.",
                "Take your anti-inflammatory medicine regularly even when you have no symptoms. Have your "
                "inhaler technique checked at the pharmacy or with the nurse. Stopping smoking and exercise "
                "improve asthma control. If you need more reliever than usual, follow your self-care plan; "
                "if your breathing does not ease, call 112.",
            ),
            due=21,
        ),
        task(
            TaskKind.MEASUREMENT,
            _t("PEF 3 kuukauden kohdalla", "PEF vid 3 månader", "PEF at 3 months"),
            _t(
                "Kirjaa aamun paras PEF-lukema ennen avaavaa lääkettä.",
                "Anteckna morgonens bästa PEF-värde före luftrörsvidgande medicin.",
                "Enter the best morning PEF reading before the reliever.",
            ),
            due=88,
            remind=True,
            measurement=MeasurementKind.PEF,
        ),
        task(
            TaskKind.BOOKING,
            _t(
                "Seurantakäynti 3 kuukauden kuluttua",
                "Uppföljningsbesök efter 3 månader",
                "Follow-up at 3 months",
            ),
            _t(
                "Hoitaja arvioi astman hallinnan, lääkityksen ja inhalaatiotekniikan.",
                "Sjukskötaren bedömer astmakontrollen, medicineringen och inhalationstekniken.",
                "The nurse assesses asthma control, your medication and inhaler technique.",
            ),
            due=90,
            remind=True,
            service=NURSE,
        ),
        task(
            TaskKind.MEASUREMENT,
            _t("PEF 6 kuukauden kohdalla", "PEF vid 6 månader", "PEF at 6 months"),
            _t(
                "Kirjaa aamun paras PEF-lukema ennen avaavaa lääkettä.",
                "Anteckna morgonens bästa PEF-värde före luftrörsvidgande medicin.",
                "Enter the best morning PEF reading before the reliever.",
            ),
            due=178,
            remind=True,
            measurement=MeasurementKind.PEF,
        ),
        task(
            TaskKind.BOOKING,
            _t(
                "Seurantakäynti 6 kuukauden kuluttua",
                "Uppföljningsbesök efter 6 månader",
                "Follow-up at 6 months",
            ),
            _t(
                "Sovitaan jatkoseurannasta ja päivitetään omahoitosuunnitelma.",
                "Ni kommer överens om fortsatt uppföljning och uppdaterar egenvårdsplanen.",
                "You agree on further follow-up and update your self-care plan.",
            ),
            due=180,
            remind=True,
            service=NURSE,
        ),
    ],
}

OWN_HEALTH_TEAM = {
    "code": "omatiimi",
    "self_enrolling": True,
    "name": _t("Oma tiimi", "Eget team", "Your own health team"),
    "description": _t(
        "Pitkäaikaissairauksia sairastaville: sama hoitaja, lääkäri ja tarvittaessa muut ammattilaiset "
        "hoitavat sinua. Liittyminen etenee vaiheittain.",
        "För dig med långvariga sjukdomar: samma sjukskötare, läkare och vid behov andra yrkespersoner "
        "vårdar dig. Anslutningen sker stegvis.",
        "For people with long-term illnesses: the same nurse, doctor and, when needed, other professionals "
        "care for you. You join in stages.",
    ),
    "tasks": [
        task(
            TaskKind.READ,
            _t("Vaihe 1: tutustu omaan tiimiin", "Steg 1: bekanta dig med teamet", "Stage 1: meet your team"),
            _t(
                "Omassa tiimissä sinulla on nimetty omahoitaja, joka on ensimmäinen yhteyshenkilösi. Voit "
                "lähettää tiimille viestejä tällä polulla.",
                "I ditt team har du en utsedd egen sjukskötare som är din första kontaktperson. Du kan "
                "skicka meddelanden till teamet på den här vägen.",
                "In your own team you have a named nurse who is your first contact. You can send the team "
                "messages on this path.",
            ),
        ),
        task(
            TaskKind.QUESTIONNAIRE,
            _t("Vaihe 2: esitiedot", "Steg 2: förhandsuppgifter", "Stage 2: pre-information"),
            _t(
                "Kerro sairauksistasi, lääkkeistäsi ja elintavoistasi, niin tiimi voi valmistautua.",
                "Berätta om dina sjukdomar, mediciner och levnadsvanor så att teamet kan förbereda sig.",
                "Tell about your illnesses, medicines and lifestyle so that the team can prepare.",
            ),
            due=7,
            remind=True,
            questionnaire="esitiedot",
        ),
        task(
            TaskKind.MEASUREMENT,
            _t(
                "Vaihe 3: verenpaine kotona",
                "Steg 3: blodtryck hemma",
                "Stage 3: blood pressure at home",
            ),
            _t(
                "Mittaa verenpaine istuen viiden minuutin levon jälkeen aamulla ja illalla viikon ajan ja "
                "kirjaa aamun tulos.",
                "Mät blodtrycket sittande efter fem minuters vila morgon och kväll i en vecka och ange "
                "morgonvärdet.",
                "Measure your blood pressure seated after five minutes of rest morning and evening for a "
                "week, and enter the morning value.",
            ),
            due=14,
            remind=True,
            measurement=MeasurementKind.BLOOD_PRESSURE,
        ),
        task(
            TaskKind.BOOKING,
            _t(
                "Vaihe 4: hoitosuunnitelmakäynti",
                "Steg 4: vårdplaneringsbesök",
                "Stage 4: care plan visit",
            ),
            _t(
                "Teet omahoitajan kanssa hoito- ja kuntoutussuunnitelman: tavoitteet, lääkkeet, kontrollit "
                "ja omahoito.",
                "Du gör en vård- och rehabiliteringsplan tillsammans med din egen sjukskötare: mål, "
                "mediciner, kontroller och egenvård.",
                "You make a care and rehabilitation plan with your named nurse: goals, medicines, check-ups "
                "and self-care.",
            ),
            due=21,
            remind=True,
            service=NURSE,
        ),
        task(
            TaskKind.READ,
            _t(
                "Vaihe 5: seuranta ja yhteydenpito",
                "Steg 5: uppföljning och kontakt",
                "Stage 5: follow-up and keeping in touch",
            ),
            _t(
                "Tiimi seuraa suunnitelman toteutumista ja ottaa yhteyttä sovitusti. Kiireellisissä asioissa "
                "soita terveysasemalle tai päivystysnumeroon 116 117.",
                "Teamet följer upp planen och kontaktar dig enligt överenskommelse. I brådskande ärenden, "
                "ring hälsostationen eller jourhjälpen 116 117.",
                "The team follows up your plan and contacts you as agreed. For urgent matters, call the "
                "health station or the on-call number 116 117.",
            ),
            due=90,
            remind=True,
        ),
    ],
}

REHABILITATIVE_WORK = {
    "code": "kuntouttava-tyotoiminta",
    "self_enrolling": False,
    "team": "sosiaalipalvelut",
    "name": _t(
        "Kuntouttava työtoiminta", "Arbetsverksamhet i rehabiliteringssyfte", "Rehabilitative work activity"
    ),
    "description": _t(
        "Sosiaalihuollon palvelu pitkään työttömänä olleille: arjen ja työelämävalmiuksien vahvistamista "
        "aktivointisuunnitelman mukaan.",
        "En tjänst inom socialvården för långtidsarbetslösa: vardagsfärdigheter och arbetslivsfärdigheter "
        "stärks enligt en aktiveringsplan.",
        "A social care service for the long-term unemployed: strengthening everyday and working-life skills "
        "according to an activation plan.",
    ),
    "tasks": [
        task(
            TaskKind.READ,
            _t(
                "Mitä kuntouttava työtoiminta on",
                "Vad arbetsverksamhet i rehabiliteringssyfte är",
                "What rehabilitative work activity is",
            ),
            _t(
                "Toimintaa on yleensä 1–4 päivänä viikossa 4–8 tuntia päivässä. Se ei ole työsuhde, mutta "
                "osallistumispäiviltä maksetaan työttömyysetuutta ja kulukorvausta. Tavoitteet kirjataan "
                "aktivointisuunnitelmaan.",
                "Verksamheten pågår vanligen 1–4 dagar i veckan 4–8 timmar om dagen. Det är inte ett "
                "anställningsförhållande, men för deltagardagarna betalas arbetslöshetsförmån och "
                "kostnadsersättning. Målen skrivs in i aktiveringsplanen.",
                "The activity usually takes 1–4 days a week for 4–8 hours a day. It is not employment, but "
                "unemployment benefit and an expense allowance are paid for the days you take part. The "
                "goals are written into the activation plan.",
            ),
        ),
        task(
            TaskKind.BOOKING,
            _t(
                "Aktivointisuunnitelman laatiminen",
                "Utarbetande av aktiveringsplanen",
                "Making the activation plan",
            ),
            _t(
                "Sosiaaliohjaaja, työllisyyspalvelut ja sinä sovitte yhdessä toimintapaikasta, päivistä ja "
                "tavoitteista.",
                "Socialhandledaren, sysselsättningstjänsterna och du kommer tillsammans överens om plats, "
                "dagar och mål.",
                "The social counsellor, the employment services and you agree together on the place, days "
                "and goals.",
            ),
            due=7,
            remind=True,
            service=SOCIAL_COUNSELLING,
        ),
        task(
            TaskKind.READ,
            _t("Poissaolot ja sairastuminen", "Frånvaro och sjukdom", "Absences and illness"),
            _t(
                "Ilmoita poissaolosta toimintapaikkaan ennen päivän alkua. Sairauspoissaolosta voidaan "
                "pyytää todistus. Poissaolopäiviltä ei makseta kulukorvausta.",
                "Meddela frånvaro till verksamhetsstället innan dagen börjar. För sjukfrånvaro kan ett intyg "
                "begäras. För frånvarodagar betalas ingen kostnadsersättning.",
                "Tell the activity site about an absence before the day starts. A certificate may be asked "
                "for sick days. No expense allowance is paid for days of absence.",
            ),
            due=7,
        ),
        task(
            TaskKind.BOOKING,
            _t(
                "Väliarvio ja jatkosuunnitelma",
                "Mellanbedömning och fortsatt plan",
                "Interim review and next steps",
            ),
            _t(
                "Arvioidaan, miten tavoitteet ovat toteutuneet, ja sovitaan jatkosta: koulutus, työkokeilu, "
                "kuntoutus tai työtoiminnan jatkaminen.",
                "Ni bedömer hur målen har uppnåtts och kommer överens om fortsättningen: utbildning, "
                "arbetsprövning, rehabilitering eller fortsatt arbetsverksamhet.",
                "You assess how the goals have been met and agree on what comes next: training, a work "
                "trial, rehabilitation or continuing the activity.",
            ),
            due=90,
            remind=True,
            service=SOCIAL_COUNSELLING,
        ),
    ],
}

CARE_PATHS = [WORK_AND_EDUCATION, INFERTILITY, PALLIATIVE, ASTHMA, OWN_HEALTH_TEAM, REHABILITATIVE_WORK]

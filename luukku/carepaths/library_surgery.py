"""Surgery care paths: preparation, fasting and medicines, the pre-operative questionnaire, and follow-up
questions after the operation whose warning signs route the client to the care team.

Written for Luukku from the content of public patient instructions of Finnish hospitals (our own text).
A professional starts the path about two weeks before the operation; the team moves the due dates to
the client's operation day when it differs (tasks are tailored per client). The first follow-up
questionnaire routes: one warning sign ("postop" score 1) moves the path to the team, none to self-care,
where a second follow-up a week later can still route it.
"""

from .models import Anchor, MeasurementKind, Phase, TaskKind
from .spec import _t, task

OPERATION_DAY = 14  # days from the start of the path
PRE_OPERATIVE = "leikkausta-edeltava"
POST_OPERATIVE = "leikkauksen-jalkeen"
ROUTING = (POST_OPERATIVE, "postop", 1)

MEDICINES = _t(
    "Ota tavalliset aamulääkkeesi leikkauspäivän aamuna pienen vesimäärän kanssa, ellei sinulle ole "
    "ohjeistettu toisin. Verenohennus-, diabetes- ja reumalääkkeiden tauotuksesta saat erillisen ohjeen "
    "leikkausyksiköstä: älä lopeta niitä omin päin. Lopeta kalaöljy, ginkgo ja muut luontaisvalmisteet "
    "viikkoa ennen leikkausta. Jos tupakoit, lopettaminen jo muutamaa viikkoa ennen leikkausta nopeuttaa "
    "haavan paranemista.",
    "Ta dina vanliga morgonmediciner på operationsdagens morgon med lite vatten, om du inte fått andra "
    "anvisningar. Om paus i blodförtunnande mediciner, diabetesmediciner och reumamediciner får du separata "
    "anvisningar av operationsenheten: sluta inte med dem på egen hand. Sluta med fiskolja, ginkgo och andra "
    "naturpreparat en vecka före operationen. Om du röker läker såret snabbare om du slutar redan några "
    "veckor före operationen.",
    "Take your usual morning medicines on the morning of the operation with a little water unless you have "
    "been told otherwise. The surgical unit gives you separate instructions on pausing blood thinners, "
    "diabetes medicines and rheumatism medicines: do not stop them on your own. Stop fish oil, ginkgo and "
    "other herbal products a week before the operation. If you smoke, stopping a few weeks before the "
    "operation helps the wound heal faster.",
)
FASTING = _t(
    "Älä syö kuuteen tuntiin ennen kuin saavut leikkaukseen. Kirkkaita nesteitä (vettä, kirkasta mehua, "
    "kahvia tai teetä ilman maitoa) voit juoda kahteen tuntiin asti ennen saapumista. Älä tupakoi tai käytä "
    "nuuskaa leikkauspäivänä. Käy suihkussa, jätä korut ja lävistykset kotiin äläkä käytä meikkiä tai "
    "kynsilakkaa. Järjestä kotimatka ja aikuinen seuraksi ensimmäiseksi yöksi: et saa ajaa autoa "
    "leikkauspäivänä.",
    "Ät inte under sex timmar innan du kommer till operationen. Klara drycker (vatten, klar saft, kaffe "
    "eller te utan mjölk) kan du dricka fram till två timmar innan du kommer. Rök inte och använd inte snus "
    "på operationsdagen. Duscha, lämna smycken och piercingar hemma och använd inte smink eller nagellack. "
    "Ordna hemresa och en vuxen som sällskap den första natten: du får inte köra bil på operationsdagen.",
    "Do not eat for six hours before you arrive for the operation. You can drink clear fluids (water, clear "
    "juice, coffee or tea without milk) until two hours before you arrive. Do not smoke or use snus on the "
    "day of the operation. Take a shower, leave jewellery and piercings at home and do not wear make-up or "
    "nail polish. Arrange a ride home and an adult to stay with you the first night: you must not drive on "
    "the day of the operation.",
)
TEAM_CALLS = _t(
    "Vastauksesi kertoivat varoitusmerkeistä, ja ne ovat nyt hoitotiimisi työjonossa. Hoitaja soittaa "
    "sinulle arkisin virka-aikana. Jos vointisi huononee tai kukaan ei ole soittanut, soita "
    "päivystysnumeroon 116 117. Jos sinulla on rintakipua, vaikeaa hengenahdistusta tai olet sekava, soita "
    "heti 112.",
    "Dina svar visade varningstecken, och de finns nu i vårdteamets arbetskö. En sjukskötare ringer dig på "
    "vardagar under tjänstetid. Om du mår sämre eller ingen har ringt, ring jourhjälpen 116 117. Om du har "
    "bröstsmärta, svår andnöd eller är förvirrad, ring genast 112.",
    "Your answers showed warning signs, and they are now in your care team's work queue. A nurse calls you "
    "on weekdays during office hours. If you get worse or nobody has called, call the on-call number 116 "
    "117. If you have chest pain, severe shortness of breath or are confused, call 112 now.",
)


def _common_tasks(recovery: dict) -> list[dict]:
    day = OPERATION_DAY
    return [
        task(
            TaskKind.QUESTIONNAIRE,
            _t(
                "Täytä leikkausta edeltävä esitietokysely",
                "Fyll i förhandsuppgifterna inför operationen",
                "Fill in the pre-operative questionnaire",
            ),
            _t(
                "Anestesialääkäri ja leikkaustiimi tarvitsevat tiedot terveydestäsi ja lääkkeistäsi.",
                "Anestesiläkaren och operationsteamet behöver uppgifter om din hälsa och dina mediciner.",
                "The anaesthetist and the surgical team need to know about your health and medicines.",
            ),
            due=3,
            remind=True,
            questionnaire=PRE_OPERATIVE,
        ),
        task(
            TaskKind.READ,
            _t("Lääkkeet ennen leikkausta", "Mediciner före operationen", "Medicines before the operation"),
            MEDICINES,
            due=5,
        ),
        task(
            TaskKind.READ,
            _t(
                "Paastoaminen ja leikkauspäivä",
                "Fasta och operationsdagen",
                "Fasting and the day of the operation",
            ),
            FASTING,
            due=day - 2,
            remind=True,
        ),
        task(
            TaskKind.QUESTIONNAIRE,
            _t(
                "Kerro vointisi ensimmäisenä päivänä kotona",
                "Berätta hur du mår första dagen hemma",
                "Tell how you are on the first day at home",
            ),
            _t(
                "Vastaa leikkausta seuraavana päivänä. Jos vastaat kyllä yhteenkin varoitusmerkkiin, "
                "hoitotiimi ottaa sinuun yhteyttä.",
                "Svara dagen efter operationen. Om du svarar ja på ett enda varningstecken kontaktar "
                "vårdteamet dig.",
                "Answer on the day after the operation. If you answer yes to even one warning sign, the care "
                "team will contact you.",
            ),
            due=day + 1,
            remind=True,
            questionnaire=POST_OPERATIVE,
        ),
        task(
            TaskKind.READ,
            _t("Toipuminen kotona", "Återhämtning hemma", "Recovering at home"),
            recovery,
            due=day + 1,
        ),
        task(
            TaskKind.MEASUREMENT,
            _t(
                "Kipu viikon kuluttua leikkauksesta",
                "Smärta en vecka efter operationen",
                "Pain a week after the operation",
            ),
            _t(
                "Merkitse kipusi asteikolla 0–10. Jos kipu on yli 7 kipulääkkeistä huolimatta, soita "
                "päivystysnumeroon 116 117.",
                "Ange din smärta på en skala 0–10. Om smärtan är över 7 trots smärtstillande, ring "
                "jourhjälpen 116 117.",
                "Record your pain on a scale of 0–10. If it is above 7 despite painkillers, call the on-call "
                "number 116 117.",
            ),
            due=day + 7,
            remind=True,
            measurement=MeasurementKind.PAIN,
        ),
        task(
            TaskKind.QUESTIONNAIRE,
            _t(
                "Kerro vointisi viikon kuluttua",
                "Berätta hur du mår efter en vecka",
                "Tell how you are after a week",
            ),
            _t(
                "Samat kysymykset uudelleen: hoitotiimi näkee, että toipuminen etenee.",
                "Samma frågor igen: vårdteamet ser att återhämtningen går framåt.",
                "The same questions again: the care team sees that your recovery is on track.",
            ),
            phase=Phase.SELF_CARE,
            anchor=Anchor.PHASE,
            due=7,
            remind=True,
            questionnaire=POST_OPERATIVE,
        ),
        task(
            TaskKind.READ,
            _t(
                "Hoitotiimi ottaa sinuun yhteyttä",
                "Vårdteamet kontaktar dig",
                "The care team will contact you",
            ),
            TEAM_CALLS,
            phase=Phase.WITH_PROFESSIONAL,
            anchor=Anchor.PHASE,
        ),
    ]


def surgery(code: str, name: dict, description: dict, preparation: dict, recovery: dict) -> dict:
    return {
        "code": code,
        "self_enrolling": False,
        "routing": ROUTING,
        "name": name,
        "description": description,
        "tasks": [
            task(
                TaskKind.READ,
                _t(
                    "Valmistautuminen leikkaukseen",
                    "Förberedelse inför operationen",
                    "Preparing for the operation",
                ),
                preparation,
            ),
            *_common_tasks(recovery),
        ],
    }


SURGERY_PATHS = [
    surgery(
        "sappirakon-tahystysleikkaus",
        _t(
            "Sappirakon tähystysleikkaus",
            "Titthålsoperation av gallblåsan",
            "Laparoscopic gallbladder removal",
        ),
        _t(
            "Sappirakko poistetaan tähystämällä sappikivien vuoksi. Polku ohjaa valmistautumisessa ja kotona "
            "toipumisessa.",
            "Gallblåsan tas bort med titthålsteknik på grund av gallsten. Vägen hjälper dig att förbereda "
            "dig och återhämta dig hemma.",
            "The gallbladder is removed laparoscopically because of gallstones. The path guides you in "
            "preparing and recovering at home.",
        ),
        _t(
            "Vältä rasvaisia aterioita ennen leikkausta, jos ne aiheuttavat sinulle sappikipua. Jos sinulle "
            "nousee kuume, iho tai silmänvalkuaiset muuttuvat keltaisiksi tai ylävatsakipu ei hellitä, "
            "hakeudu päivystykseen jo ennen leikkausta.",
            "Undvik feta måltider före operationen om de ger dig gallsmärta. Om du får feber, huden eller "
            "ögonvitorna blir gula eller smärtan i övre delen av buken inte går över, sök dig till jouren "
            "redan före operationen.",
            "Avoid fatty meals before the operation if they cause you gallbladder pain. If you get a fever, "
            "your skin or the whites of your eyes turn yellow or pain in the upper abdomen does not ease, go "
            "to the emergency clinic even before the operation.",
        ),
        _t(
            "Vatsassa on 3–4 pientä haavaa. Olkapääkipu ensimmäisinä päivinä johtuu vatsaan johdetusta "
            "kaasusta ja helpottaa liikkumalla. Voit syödä normaalisti. Haavat saa suihkuttaa seuraavana "
            "päivänä. Vältä yli 10 kilon nostoja kahden viikon ajan. Ota yhteyttä, jos iho kellastuu tai "
            "vatsakipu lisääntyy.",
            "Du har 3–4 små sår på buken. Smärta i axeln de första dagarna beror på gasen som förts in i "
            "buken och lättar när du rör dig. Du kan äta som vanligt. Såren får duschas följande dag. Undvik "
            "lyft över 10 kilo i två veckor. Kontakta oss om huden gulnar eller buksmärtan ökar.",
            "You have 3–4 small wounds on your abdomen. Shoulder pain in the first days comes from the gas "
            "used in the operation and eases as you move about. You can eat normally. You may shower the "
            "wounds the next day. Avoid lifting over 10 kilograms for two weeks. Contact us if your skin "
            "turns yellow or the abdominal pain increases.",
        ),
    ),
    surgery(
        "rintojen-pienennys",
        _t("Rintojen pienennysleikkaus", "Bröstförminskning", "Breast reduction"),
        _t(
            "Rintoja pienennetään, kun niiden koko aiheuttaa niska-, hartia- tai selkävaivoja.",
            "Brösten förminskas när storleken orsakar besvär i nacke, axlar eller rygg.",
            "The breasts are made smaller when their size causes neck, shoulder or back problems.",
        ),
        _t(
            "Tupakointi ja nuuska hidastavat haavojen paranemista: lopeta ne viimeistään neljä viikkoa ennen "
            "leikkausta ja pysy ilman vähintään neljä viikkoa sen jälkeen. Hanki valmiiksi tukeva, edestä "
            "avattava urheiluliivi. Painosi tulisi olla vakaa leikkauksen aikaan.",
            "Rökning och snus gör att såren läker långsammare: sluta senast fyra veckor före operationen och "
            "håll upp minst fyra veckor efter den. Skaffa en stödjande sportbehå som öppnas framtill. Din "
            "vikt bör vara stabil vid operationen.",
            "Smoking and snus slow wound healing: stop at least four weeks before the operation and stay off "
            "them for at least four weeks after it. Get a supportive sports bra that opens at the front. "
            "Your weight should be stable at the time of the operation.",
        ),
        _t(
            "Käytä tukiliivejä yötä päivää noin kuuden viikon ajan. Vältä käsien nostamista pään yläpuolelle "
            "ja yli 5 kilon nostoja neljän viikon ajan. Haavat saa suihkuttaa, kun ohjeessa mainittu aika on "
            "kulunut; saunaa ja uintia vältetään, kunnes haavat ovat parantuneet. Toinen rinta saattaa olla "
            "turvonneempi kuin toinen ensimmäisinä viikkoina.",
            "Använd stödbehå dag och natt i ungefär sex veckor. Undvik att lyfta armarna över huvudet och "
            "lyft inte mer än 5 kilo under fyra veckor. Såren får duschas när tiden i anvisningen har gått; "
            "undvik bastu och simning tills såren har läkt. Det ena bröstet kan vara mer svullet än det "
            "andra de första veckorna.",
            "Wear the support bra day and night for about six weeks. Avoid raising your arms above your head "
            "and lifting over 5 kilograms for four weeks. You may shower the wounds once the time given in "
            "your instructions has passed; avoid the sauna and swimming until the wounds have healed. One "
            "breast may be more swollen than the other in the first weeks.",
        ),
    ),
    surgery(
        "ylaluomileikkaus",
        _t("Yläluomileikkaus", "Operation av övre ögonlocken", "Upper eyelid surgery"),
        _t(
            "Roikkuvaa yläluomen ihoa poistetaan, kun se haittaa näkemistä.",
            "Hängande hud på de övre ögonlocken tas bort när den stör synen.",
            "Drooping skin of the upper eyelids is removed when it gets in the way of seeing.",
        ),
        _t(
            "Älä käytä silmämeikkiä tai kasvovoiteita leikkauspäivänä. Varaa kotiin kylmäpakkauksia "
            "(esimerkiksi pakastettuja herneitä kankaaseen käärittynä) ja aurinkolasit. Leikkaus tehdään "
            "paikallispuudutuksessa, mutta et voi ajaa autoa kotiin.",
            "Använd inte ögonsmink eller ansiktskräm på operationsdagen. Ha kalla omslag (till exempel "
            "frysta ärter inlindade i tyg) och solglasögon hemma. Operationen görs i lokalbedövning, men du "
            "kan inte köra bil hem.",
            "Do not wear eye make-up or face cream on the day of the operation. Have cold packs (for example "
            "frozen peas wrapped in cloth) and sunglasses at home. The operation is done under local "
            "anaesthetic, but you cannot drive home.",
        ),
        _t(
            "Pidä kylmää luomilla 10–15 minuuttia kerrallaan ensimmäiset kaksi vuorokautta ja nuku pääpuoli "
            "koholla. Mustelmat ja turvotus häviävät 1–2 viikossa. Ompeleet poistetaan noin viikon kuluttua. "
            "Vältä raskasta liikuntaa, saunaa ja silmämeikkiä kahden viikon ajan. Jos näkösi heikkenee "
            "äkillisesti tai silmään tulee kova kipu, hakeudu heti päivystykseen.",
            "Håll kalla omslag på ögonlocken 10–15 minuter åt gången de första två dygnen och sov med "
            "huvudändan upphöjd. Blåmärken och svullnad försvinner på 1–2 veckor. Stygnen tas bort efter "
            "ungefär en vecka. Undvik tung motion, bastu och ögonsmink i två veckor. Om synen plötsligt "
            "försämras eller du får svår smärta i ögat, sök dig genast till jouren.",
            "Keep cold packs on the eyelids for 10–15 minutes at a time for the first two days and sleep "
            "with your head raised. Bruises and swelling go in 1–2 weeks. The stitches are removed after "
            "about a week. Avoid strenuous exercise, the sauna and eye make-up for two weeks. If your sight "
            "suddenly gets worse or you get severe pain in the eye, go to the emergency clinic at once.",
        ),
    ),
    surgery(
        "vatsanpeitteiden-korjaus",
        _t(
            "Vatsanpeitteiden korjausleikkaus",
            "Bukplastik",
            "Abdominoplasty",
        ),
        _t(
            "Ylimääräistä vatsan ihoa poistetaan ja vatsalihakset korjataan esimerkiksi suuren "
            "painonpudotuksen jälkeen.",
            "Överflödig hud på buken tas bort och bukmusklerna repareras till exempel efter en stor "
            "viktminskning.",
            "Excess abdominal skin is removed and the abdominal muscles are repaired, for example after a "
            "large weight loss.",
        ),
        _t(
            "Painosi tulee olla pysynyt vakaana vähintään puoli vuotta. Lopeta tupakointi ja nuuska "
            "viimeistään neljä viikkoa ennen leikkausta. Hanki tukiliivi tai -housut leikkausyksikön ohjeen "
            "mukaan. Leikkaus tehdään nukutuksessa, ja sairaalassa ollaan yleensä 1–2 yötä.",
            "Din vikt ska ha varit stabil i minst ett halvt år. Sluta röka och snusa senast fyra veckor före "
            "operationen. Skaffa ett stödplagg enligt operationsenhetens anvisning. Operationen görs i "
            "narkos och man stannar vanligen 1–2 nätter på sjukhuset.",
            "Your weight should have been stable for at least six months. Stop smoking and snus at least "
            "four weeks before the operation. Get a support garment as the surgical unit instructs. The "
            "operation is done under general anaesthetic and you usually stay in hospital for 1–2 nights.",
        ),
        _t(
            "Käytä tukiasua noin kuusi viikkoa. Ensimmäisinä päivinä kävely on helpointa hieman "
            "etukumarassa. Kävele useita kertoja päivässä veritulppien ehkäisemiseksi ja pistä veritulppaa "
            "ehkäisevä lääke, jos se sinulle määrättiin. Vältä yli 5 kilon nostoja ja vatsalihasliikkeitä "
            "kuuden viikon ajan.",
            "Använd stödplagget i ungefär sex veckor. De första dagarna är det lättast att gå lite "
            "framåtböjd. Gå flera gånger om dagen för att förebygga blodproppar och ta den "
            "blodproppsförebyggande sprutan om du har fått en ordination. Undvik lyft över 5 kilo och "
            "magmuskelövningar i sex veckor.",
            "Wear the support garment for about six weeks. In the first days walking is easiest slightly "
            "bent forward. Walk several times a day to prevent blood clots and inject the clot-preventing "
            "medicine if it was prescribed for you. Avoid lifting over 5 kilograms and abdominal exercises "
            "for six weeks.",
        ),
    ),
    surgery(
        "napatyraleikkaus",
        _t("Napatyrän leikkaus", "Operation av navelbråck", "Umbilical hernia surgery"),
        _t(
            "Napatyrä korjataan, kun se aiheuttaa kipua tai kasvaa.",
            "Navelbråcket repareras när det orsakar smärta eller växer.",
            "The umbilical hernia is repaired when it causes pain or grows.",
        ),
        _t(
            "Jos tyräpullistuma muuttuu kovaksi, kipeäksi eikä painu takaisin, tai alat oksennella, hakeudu "
            "heti päivystykseen: tyrä voi olla kuristunut. Napa puhdistetaan huolellisesti leikkausta "
            "edeltävänä iltana suihkussa.",
            "Om bråckbulan blir hård och öm och inte går tillbaka, eller om du börjar kräkas, sök dig genast "
            "till jouren: bråcket kan vara inklämt. Rengör naveln noggrant i duschen kvällen före "
            "operationen.",
            "If the hernia bulge becomes hard and painful and does not go back in, or you start vomiting, go "
            "to the emergency clinic at once: the hernia may be trapped. Clean your navel carefully in the "
            "shower on the evening before the operation.",
        ),
        _t(
            "Haavan saa suihkuttaa seuraavana päivänä. Kävele päivittäin ja palaa kevyisiin askareisiin "
            "voinnin mukaan. Vältä yli 10 kilon nostoja ja ponnistamista 2–4 viikon ajan. Pieni turvotus "
            "haavan alla on tavallista ja häviää viikoissa.",
            "Såret får duschas följande dag. Gå dagligen och återgå till lätta sysslor efter förmåga. Undvik "
            "lyft över 10 kilo och krystning i 2–4 veckor. En liten svullnad under såret är vanlig och går "
            "över på några veckor.",
            "You may shower the wound the next day. Walk daily and return to light chores as you feel able. "
            "Avoid lifting over 10 kilograms and straining for 2–4 weeks. A little swelling under the wound "
            "is common and goes within weeks.",
        ),
    ),
    surgery(
        "kohdunpoisto",
        _t("Kohdunpoisto", "Borttagning av livmodern", "Hysterectomy"),
        _t(
            "Kohtu poistetaan tähystämällä, emättimen kautta tai avoleikkauksena; lääkäri kertoo sinulle "
            "menetelmän.",
            "Livmodern tas bort med titthålsteknik, genom slidan eller med öppen operation; läkaren berättar "
            "vilken metod som används för dig.",
            "The uterus is removed laparoscopically, through the vagina or in open surgery; the doctor tells "
            "you which method is used for you.",
        ),
        _t(
            "Jos sinulla on ehkäisy, jatka sitä leikkaukseen asti. Sinulta otetaan raskaustesti "
            "leikkauspäivänä. Hanki kotiin terveyssiteitä: vuotoa ja valkovuotoa on tavallisesti muutaman "
            "viikon ajan. Suunnittele sairauslomaa 2–6 viikkoa leikkaustavan mukaan.",
            "Om du använder preventivmedel, fortsätt till operationen. Ett graviditetstest tas på "
            "operationsdagen. Skaffa bindor: blödning och flytning förekommer vanligen några veckor. Planera "
            "för 2–6 veckors sjukledighet beroende på operationsmetoden.",
            "If you use contraception, continue until the operation. You will have a pregnancy test on the "
            "day of the operation. Get sanitary pads: bleeding and discharge usually go on for a few weeks. "
            "Plan for 2–6 weeks of sick leave depending on the method.",
        ),
        _t(
            "Niukka verinen vuoto ja valkovuoto ovat tavallisia 4–6 viikon ajan. Vältä yhdyntää, "
            "kylpyammetta, uintia ja tamponeja, kunnes emättimen pohja on parantunut (noin 6 viikkoa). Vältä "
            "yli 5 kilon nostoja kolmen ensimmäisen viikon ajan. Ota yhteyttä, jos vuoto on runsasta tai "
            "pahanhajuista.",
            "Lätt blodig blödning och flytning är vanliga i 4–6 veckor. Undvik samlag, badkar, simning och "
            "tamponger tills slidtoppen har läkt (ungefär 6 veckor). Undvik lyft över 5 kilo de tre första "
            "veckorna. Kontakta oss om blödningen är riklig eller illaluktande.",
            "Light bloody bleeding and discharge are common for 4–6 weeks. Avoid intercourse, baths, "
            "swimming and tampons until the top of the vagina has healed (about 6 weeks). Avoid lifting over "
            "5 kilograms for the first three weeks. Contact us if the bleeding is heavy or smells bad.",
        ),
    ),
    surgery(
        "sterilisaatio",
        _t("Sterilisaatio", "Sterilisering", "Sterilisation"),
        _t(
            "Munanjohtimet suljetaan tai poistetaan tähystysleikkauksessa. Toimenpide on pysyvä.",
            "Äggledarna försluts eller tas bort vid en titthålsoperation. Ingreppet är permanent.",
            "The fallopian tubes are closed or removed in a laparoscopic operation. The procedure is "
            "permanent.",
        ),
        _t(
            "Sterilisaatiota pyydetään kirjallisesti, ja päätös on pysyvä: kerro lääkärille, jos olet "
            "epävarma. Jatka ehkäisyä leikkaukseen asti; leikkauspäivänä tehdään raskaustesti. Leikkaus "
            "tehdään nukutuksessa päiväkirurgisesti.",
            "Sterilisering begärs skriftligt och beslutet är permanent: säg till läkaren om du är osäker. "
            "Fortsätt med preventivmedel fram till operationen; ett graviditetstest görs på operationsdagen. "
            "Operationen görs i narkos som dagkirurgi.",
            "Sterilisation is requested in writing and the decision is permanent: tell the doctor if you are "
            "unsure. Continue contraception until the operation; a pregnancy test is done on the day. The "
            "operation is a day surgery under general anaesthetic.",
        ),
        _t(
            "Lepää 1–3 päivää. Olkapää- ja vatsakipu johtuvat vatsaan johdetusta kaasusta ja helpottavat "
            "muutamassa päivässä. Haavat saa suihkuttaa seuraavana päivänä. Useimmat palaavat töihin "
            "muutaman päivän kuluttua. Kuukautiset jatkuvat ennallaan.",
            "Vila 1–3 dagar. Smärta i axeln och buken beror på gasen som förts in i buken och lättar på "
            "några dagar. Såren får duschas följande dag. De flesta återgår till arbetet efter några dagar. "
            "Menstruationen fortsätter som förut.",
            "Rest for 1–3 days. Shoulder and abdominal pain come from the gas used in the operation and ease "
            "in a few days. You may shower the wounds the next day. Most people return to work after a few "
            "days. Your periods continue as before.",
        ),
    ),
    surgery(
        "sivuelinmuutoksen-poisto",
        _t(
            "Kohdun sivuelinmuutoksen poisto",
            "Borttagning av en förändring i äggstock eller äggledare",
            "Removal of an ovarian or tubal lesion",
        ),
        _t(
            "Munasarjan tai munanjohtimen muutos, esimerkiksi kysta, poistetaan yleensä tähystämällä.",
            "En förändring i äggstocken eller äggledaren, till exempel en cysta, tas vanligen bort med "
            "titthålsteknik.",
            "A lesion of the ovary or fallopian tube, such as a cyst, is usually removed laparoscopically.",
        ),
        _t(
            "Jos saat äkillisen, kovan alavatsakivun, johon liittyy pahoinvointia tai oksentelua, hakeudu "
            "heti päivystykseen: muutos voi kiertyä. Jatka ehkäisyä leikkaukseen asti; leikkauspäivänä "
            "tehdään raskaustesti.",
            "Om du får plötslig, svår smärta i nedre delen av buken med illamående eller kräkningar, sök dig "
            "genast till jouren: förändringen kan ha vridit sig. Fortsätt med preventivmedel fram till "
            "operationen; ett graviditetstest görs på operationsdagen.",
            "If you get sudden, severe lower abdominal pain with nausea or vomiting, go to the emergency "
            "clinic at once: the lesion may have twisted. Continue contraception until the operation; a "
            "pregnancy test is done on the day.",
        ),
        _t(
            "Toipuminen kestää yleensä 1–2 viikkoa. Olkapääkipu johtuu vatsaan johdetusta kaasusta. Vältä "
            "yli 10 kilon nostoja kahden viikon ajan. Poistetun kudoksen tutkimustulos kerrotaan sinulle 2–4 "
            "viikon kuluessa puhelimitse tai viestillä.",
            "Återhämtningen tar vanligen 1–2 veckor. Smärta i axeln beror på gasen som förts in i buken. "
            "Undvik lyft över 10 kilo i två veckor. Resultatet av undersökningen av den borttagna vävnaden "
            "meddelas dig inom 2–4 veckor per telefon eller meddelande.",
            "Recovery usually takes 1–2 weeks. Shoulder pain comes from the gas used in the operation. Avoid "
            "lifting over 10 kilograms for two weeks. The result of the examination of the removed tissue is "
            "told to you within 2–4 weeks by phone or message.",
        ),
    ),
    surgery(
        "refluksileikkaus",
        _t(
            "Refluksitaudin ja palleatyrän leikkaus",
            "Operation av refluxsjukdom och diafragmabråck",
            "Surgery for reflux disease and hiatal hernia",
        ),
        _t(
            "Palleatyrä korjataan ja mahalaukun yläosasta tehdään mansetti ruokatorven ympärille "
            "tähystämällä.",
            "Diafragmabråcket repareras och en manschett av magsäckens övre del läggs runt matstrupen med "
            "titthålsteknik.",
            "The hiatal hernia is repaired and a cuff of the upper stomach is wrapped around the gullet "
            "laparoscopically.",
        ),
        _t(
            "Jatka happolääkettä leikkaukseen asti, ellei toisin ohjeisteta. Hanki kotiin valmiiksi pehmeää "
            "ja sosemaista ruokaa kahdeksi ensimmäiseksi viikoksi. Jos painoindeksisi on suuri, "
            "painonpudotus ennen leikkausta vähentää leikkauksen riskejä.",
            "Fortsätt med syrahämmande medicin fram till operationen, om du inte fått andra anvisningar. Ha "
            "mjuk och mosad mat hemma för de två första veckorna. Om ditt BMI är högt minskar viktnedgång "
            "före operationen riskerna.",
            "Keep taking your acid medicine until the operation unless told otherwise. Have soft and puréed "
            "food at home for the first two weeks. If your body-mass index is high, losing weight before the "
            "operation lowers its risks.",
        ),
        _t(
            "Nielemisvaikeus on tavallista ensimmäisinä viikkoina. Syö pehmeää ruokaa pieninä annoksina ja "
            "hitaasti 2–4 viikon ajan ja vältä hiilihapollisia juomia ja kuivaa leipää tai lihaa. Vältä yli "
            "10 kilon nostoja 4–6 viikon ajan. Ota heti yhteyttä, jos et pysty nielemään edes nesteitä.",
            "Svårt att svälja är vanligt de första veckorna. Ät mjuk mat i små portioner och långsamt i 2–4 "
            "veckor och undvik kolsyrade drycker och torrt bröd eller kött. Undvik lyft över 10 kilo i 4–6 "
            "veckor. Kontakta oss genast om du inte kan svälja ens vätska.",
            "Difficulty swallowing is common in the first weeks. Eat soft food in small portions and slowly "
            "for 2–4 weeks and avoid fizzy drinks and dry bread or meat. Avoid lifting over 10 kilograms for "
            "4–6 weeks. Contact us at once if you cannot swallow even liquids.",
        ),
    ),
]

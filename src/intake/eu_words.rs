//! Word lists for reading requests in the other official EU languages (fr es it pt nl pl cs
//! sk sl hr hu ro bg el fi et lv lt mt ga), one list per idea, folded before use like every
//! pattern. Greek and Cyrillic are only lower-cased, so Greek stands accented and
//! unaccented; words with letters `fold` keeps (ă ș ț ē ī ū ļ ņ ģ ķ ų į ċ ġ ħ ľ ť ř) stand
//! with and without them.

/// Delete, erase, remove, forget: verbs and nouns.
pub(crate) const ERASE: &str = "supprim*|suppression*|effac*|radier|radiez|detruire|\
     detruisez|destruction|oubli|\
     borra|borrar*|borre|borren*|borres|borrado|borrados|borrada|borradas|borradlo*|\
     borradla*|borradme|borrais|borramos|borrando|borraron|borralo*|borrala*|borrame|supresi*|\
     suprimir*|supriman|suprima|suprimid*|suprimais|elimin*|olvido|\
     cancella*|rimuov*|rimoss*|rimozion*|distrugg*|distruzion*|oblio|\
     apag*|exclusao|excluir*|exclua*|excluam*|excluid*|esquecido|esquecimento|remover*|removam|\
     remova|removid*|remocao|destruir*|destruam|\
     verwijder*|gewist|wissing|schrap*|geschrapt|vernietig*|vergetelheid|\
     usun|usuna|usunac|usuncie|usunal*|usunel*|usuni*|usuwa*|wykasuj*|skasuj*|skasowa*|wykasowa*|\
     zapomnianym|zapomnienia|zapomnienie|\
     vymaz*|smazat*|smazan*|smazte|smazal*|zmaz*|odstran*|zapomenut|zapomenuti|zabudnutie|\
     zabudnutia|\
     izbris*|zbris*|brisanj*|brisati|brisal*|brisem|brisite|brisi|brisete|brisu|obrisa*|obrisi*|\
     ukloni*|uklanja*|\
     torol*|torold|toroljed|torles*|eltavolit*|elfeledtet*|\
     șterg*|şterg*|sterg*|șters*|şters*|sters*|ștearg*|ştearg*|stearg*|suprimare*|suprimați|\
     suprimati|suprimaţi|\
     изтри*|заличи*|заличав*|премахн*|премахва*|забравен*|\
     διαγρ*|διάγραψε|σβήσ*|σβησ*|αφαιρ*|αφαίρ*|λήθη|ληθη|\
     poista*|poisto*|poistet*|pyyhk*|pyyhit*|unohdetu*|havitta*|havitetty*|\
     kustut*|eemalda*|unustat*|\
     dzēs*|dzest|dzesiet|dzesana*|dzesanu|dzests|dzesti|izdzēs*|izdzes*|aizmirstam|noņem*|\
     nonemt|nonemiet|\
     istrin*|istryn*|pasalin*|trynim*|trinti|trinkite|pamirstam*|\
     ħassar*|ħassr*|tħassar*|tħassir*|tħassr*|titħassar*|jitħassar*|nħassar*|ħassir*|hassar*|\
     hassr*|thassar*|thassir*|thassr*|tithassar*|jithassar*|neħħi*|neħħu*|tneħħi*|tneħħu*|\
     nehhi*|nehhu*|tnehhi*|tnehhu*|\
     scrios*|leirscrios*";

/// Rectify, correct, update, change, complete.
pub(crate) const CORRECT: &str = "rectif*|corrig*|correction*|modifi*|actualis*|changez|\
     changement*|\
     correg*|corrij*|correcci*|actualiz*|cambiar*|cambien*|cambie|cambies|cambiad*|cambialo|\
     cambiala|\
     rettific*|aggiorn*|cambiate|correzion*|\
     retific*|atualiz*|correcao*|correcoes|alterar*|alterem|alterac*|\
     wijzig*|aanpass*|aangepast|verbeter*|bijwerken|bijwerkt|bijwerk|bijgewerkt|verander*|\
     actualiseer*|\
     popraw|poprawcie|poprawi*|poprawk*|sprostowa*|zmieni*|zmiencie|zmian*|aktualiz*|zaktualizow*|\
     skoryguj*|korekta|korekty|korekte|korekcja|korekcji|korygow*|\
     oprav|oprava|opravu|opravy|oprave|opravou|opravit|opraviť|opravte|opraveni|opravenie|\
     opraveny|opravene|opravena|opravenou|\
     zmen*|doplnen*|\
     doplnit*|doplniť|doplnte|\
     popravi*|popravek*|popravk*|spremen*|sprememb*|posodob*|dopolni*|\
     ispravi*|ispravak*|ispravk*|ispravlj*|izmijen*|promijen*|azurir*|korigir*|korekcij*|\
     javitas*|javits*|javitani|kijavit*|helyesb*|modosit*|valtoztat*|megvaltoztat*|frissitsek|\
     frissitse|\
     frissitsetek|frissiteni|\
     corecta*|corectez*|corectare*|corecție|corecţie|corectie|corecția|corecţia|corectia|\
     corectii|schimbați|schimbaţi|schimbati|schimbarea|schimbare|\
     поправ*|коригир*|корекци*|актуализ*|промен*|промян*|\
     διόρθ*|διορθ*|αλλάξ*|αλλαξ*|αλλαγ*|επικαιροπ*|τροποπ*|\
     korja*|oikais*|paivittakaa|paivittaa|paivittamaan|paivittaisitte|paivitetty*|\
     paivitys*|paivityks*|paivitettava*|muuttaka*|muuttamaan|muutos*|vaihtaka*|vaihtaisitte|\
     paranda*|muutke|muutma*|muutmine*|muutmist|uuenda*|korrigeeri*|varskenda*|ajakohasta*|\
     labot|labojiet|labojums|labojumu*|labojumi*|labosan*|laboti|labotu|izlabot*|izlabojiet|\
     mainīt*|mainit|mainiet|nomainīt*|nomainit*|nomainiet|atjaunin*|koriģ*|korige*|\
     istais*|pakeis*|pakeitim*|patais*|atnaujin*|koregu*|\
     ikkoreġ*|ikkoreg*|tikkoreġ*|tikkoreg*|korrezzjoni*|rettifik*|aġġorna*|aggorna*|\
     taġġorna*|taggorna*|ibdlu|tibdlu|tbiddlu|ibdel|ibdilli|ibdluli|\
     ceartu*|cheartu*|gceartu*|ceartaigh*|cheartaigh*|athru|athraigh*|nuashonru*|nuashonraigh*";

/// Restrict, limit, block, freeze, suspend processing; keep the data but do not use it.
pub(crate) const RESTRICT: &str = "limit*|restric*|restriz*|blocc*|bloqu*|suspendez|suspendre|\
     suspendiez|suspendan|suspender|suspendam|suspendați|suspendaţi|suspendati|sospendete|\
     sospendere|sospension*|suspension|suspensao|congel*|gelez|geler|\
     beperk*|blokkeren|blokkeer*|geblokkeerd|bevriez*|bevroren|\
     ogranic*|zablokow*|blokowa*|blokad*|zamroz*|wstrzyma*|\
     omez*|obmedz*|blokovat*|blokovať|blokovan*|zablokov*|zmraz*|pozastav*|\
     omeji*|blokir*|zamrzn*|obustav*|\
     korlat*|zarol*|blokkol*|befagyaszt*|felfuggeszt*|\
     bloca*|blocheaz*|\
     огранич*|блокир*|замраз*|\
     περιορισ*|περιορίσ*|μπλοκάρ*|μπλοκαρ*|πάγωμα|παγωμα|παγώσ*|παγωσ*|αναστολ*|αναστείλ*|\
     αναστειλ*|\
     rajoit*|lukits*|lukitka*|jaadyt*|keskeytt*|\
     piira*|blokee*|lukusta*|kulmuta*|peata*|\
     ierobež*|bloķ*|blokē*|bloket|blokejiet|apturē*|apturet*|apturiet|\
     apribo*|blokuo*|uzblokuo*|sustabd*|\
     restrizz*|irrestrin*|\
     srian*|shrian*|fionrai|\
     nepouziv*|uporabljajte|използвайте|χρησιμοποιείτε|χρησιμοποιειτε|hasznaljak|\
     hasznaljatok|kayttako|neizmanto*|nenaudo*|tużawx|tuzawx|tużawhiex|tuzawhiex|tużawhomx|\
     tuzawhomx|\
     conservez|conserven|guarden|conservate|conservem|guardem|bewaar|zachowajcie|\
     przechowujcie|ulozte|uschovejte|ponechte|uchovajte|sacuvajte|orizzek|păstrați|păstraţi|\
     pastrati|запазете|διατηρήστε|διατηρηστε|sailyttakaa|hoidke|saglabajiet|issaugokite|\
     żommu|coinnigi";

/// Object, oppose, stop, unsubscribe (the marketing itself is in `MARKETING`).
pub(crate) const OBJECT: &str = "oppos*|desinscri*|desabonn*|arretez|arreter|cessez|cesser|\
     oposic*|opongo|oponerme|oponemos|baja|dejen|dejad|cesen|cese|\
     oppon*|opporsi|opporre|opporci|smett*|cessare|cessate|cessino|disiscriv*|disiscrizion*|\
     togli*|\
     oponho|opomos|opor|parem|deixem|cessem|cessar|descadastr*|\
     bezwaar*|afmeld*|uitschrijv*|uitgeschreven|\
     sprzeciw*|wypisz*|wypisa*|zaprzesta*|przestan*|przestac*|\
     namitk*|namietk*|namieta*|přestan*|přestat*|prestante|prestat|prestať|prestanite|prestati|\
     prestanak|odhlas*|\
     ugovarja*|prenehaj*|prenehat*|prigovor*|prigovara*|odjav*|\
     tiltakoz*|leiratkoz*|iratkoztass*|iratkoztat*|abbahagy*|kifogas*|\
     opozi*|opun|dezabon*|inceta*|\
     възражени*|възражения|възраз*|отпиш*|отписв*|спрете|спиране|преустанов*|\
     εναντίωσ*|εναντιωσ*|εναντιών*|εναντιων*|αντιτίθεμαι|αντιτιθεμαι|αντίρρησ*|αντιρρησ*|\
     σταματήσ*|σταματησ*|απεγγραφ*|απεγγράψ*|απεγγραψ*|\
     vastust*|lopetta*|lopeta*|kiellan|kieltaa|kieltakaa|kielto*|\
     vastuvait*|vastuvaid*|keela*|loobu*|\
     iebil*|partrauk*|atteik*|atrakstī*|atrakstit*|\
     priestar*|nesutink*|atsisak*|nebesiųs*|nebesius*|nebesiunt*|\
     oġġezzjon*|noġġezzjon*|oggezzjon*|noggezzjon*|tibagħtulix|tibaghtulix|tibagħtuliex|\
     tibaghtuliex|waqqfu*|twaqqfu*|ieqfu|tieqfu|\
     agoid*|hagoid*|diliostail*|dhiliostail*|stopaig*|stadaig*";

/// Marketing, newsletters, advertising, offers and profiling for them.
pub(crate) const MARKETING: &str = "newsletter*|marketing*|telemarketing*|mailing*|promo*|\
     publicit*|pubblicit*|publicid*|prospection*|prospecci*|demarchage*|demarcher|demarcheur*|\
     comerciales|commerciales|\
     commerciali|comerciais|comerciale|commerciaux|mercadotecnia|mercadeo|offres|ofert*|\
     offert*|profilage|profilazion*|\
     reclame|reclames|reclamebrie*|reclamemail*|reclamefolder*|nieuwsbrie*|aanbieding*|\
     advertentie*|profilering*|\
     reklama|reklamy|reklam|reklame|reklamu|reklamami|reklamach|reklamom|reklamou|reklamo|\
     reklami|reklamn*|reklamowe|reklamowych|reklamowy|reklamowa|reklamowymi|reklamowego|\
     profilowani*|profilovan*|nabidk*|ponuk*|\
     ponudb*|ponude|ponudama|trzenj*|oglasi|oglase|oglasa|oglasav*|oglasev*|oglasn*|\
     profiliranj*|\
     hirlevel*|reklaml*|reklamok*|reklamot|reklamoz*|ajanlat*|profilalk*|\
     reclamă|reclamele|reclamelor|profilar*|\
     реклама|рекламата|рекламите|реклами|рекламн*|маркетинг*|бюлетин*|промоционал*|оферт*|\
     профилиран*|\
     διαφήμ*|διαφημ*|προώθησ*|προωθησ*|προωθητικ*|μάρκετινγκ|μαρκετινγκ|προσφορ*|\
     mainos*|markkinoin*|suoramarkkinoin*|uutiskirje*|tarjou*|profiloin*|\
     reklaam*|turundus*|otseturundus*|uudiskir*|pakkumis*|profiilianaluus*|\
     reklamas|reklamam|tirgved*|jaunumu*|jaunumi|profilēšan*|profilesan*|\
     reklamin*|reklamos|reklamai|rinkodar*|naujienlaisk*|pasiūlym*|pasiulym*|profiliavim*|\
     riklami|reklamar|kummerċjaliz*|kummercjaliz*|offerti|\
     fograi*|fhograi*|margaiocht*|mhargaiocht*|nuachtlitr*|proifiliu";

/// Access to one's data: access, a copy, an extract, inspection.
pub(crate) const ACCESS: &str = "acces|acceso|accesso|accesul|accesului|acceder*|accedere|accedervi|accedi|acesso|acessar|acesse|aċċess*|\
     copie|copies|copia|copias|copiei|copiile|\
     inzage*|inzien|\
     kopi|kopia|kopie|kopii|kopiu|kopij*|kopio*|kopiou|kopiami|kopiach|kopier|kopien|dostep|\
     dostepu|dostepem|dostepie|pristup*|přistup*|zpřistupn*|zpristupn*|\
     vypis|dostop|dostopa|dostopu|dostopom|vpogled*|uvid|uvida|uvidu|sdeleni|sdelte|sdelit|\
     hozzafer*|masolat*|betekint*|\
     достъп*|копие|копия|копието|копията|записа|записите|записи|\
     πρόσβασ*|προσβασ*|αντίγραφ*|αντιγραφ*|\
     paasy*|jaljenn*|tarkastus*|\
     koopia*|juurdepaa*|tutvuda|tutvumis*|tutvumine|valjavot*|\
     piekļ*|piekluv*|pieklut|izraksts|izrakstu|\
     susipazin*|prieig*|israsas|israsa|\
     kopja*|\
     rochtain*|coip*|choip*|gcoip*";

/// Portability: moving data elsewhere, export, a file or machine-readable format, another
/// provider.
pub(crate) const PORTABILITY: &str = "portabili*|portabbil*|dataportabilit*|gegevensportabilit*|\
     overdraagbaar*|overdracht*|overdragen|overstap*|\
     przenos*|przenies*|prenos*|prenes*|přenos*|přenes*|prijenos*|prehaja*|\
     hordozhat*|adathordozhat*|atvitel*|\
     transferati|transferați|transferaţi|transfera|transferul|transferir*|transfieran|\
     transfiera|transfiram|transfira|transferez|transferer|trasferire|trasferirli|trasferirle|\
     преносим*|прехвърл*|пренос*|\
     φορητότητ*|φορητοτητ*|\
     siirrettav*|siirto*|siirta*|siirry*|\
     ulekantav*|ulekand*|\
     parnesam*|parnes*|pareju|\
     perkeliam*|perkelt*|perkelk*|perkelim*|\
     iniomparthacht*|aistriu|\
     esporta*|eksport*|izvoz*|експорт*|εξαγωγ*|easportail*|\
     importarlos|importarlas|importarla|importarlo|importarli|importarle|importare|importer|\
     importez|importeren|importeer|importowa*|zaimportowa*|importovat*|importova*|importira*|\
     importal*|importēt|importet|importuot*|nimporta*|iomportail*|\
     xlsx|xls|gpx|ics|vcf|vcard|\
     formato|formatos|formati|formaat|formatu|formatem|formacie|formatum*|\
     formatul|formatului|formatas|formata|formaid*|формат*|μορφότυπ*|μορφοτυπ*|vormingus|\
     vormingut|vormingu|vormingusse|\
     failivorming*|tiedostomuo*|\
     archivo|ficheiro|arquivo|\
     plik|pliku|pliki|plikow|plikach|soubor*|subor|suboru|subore|subory|suborov|suborom|datotek*|\
     fajl*|fișier*|fişier*|fisier*|\
     файл*|tiedosto*|faili|failis|failina|failid|faila|failu|faile|failas|comhad*|gcomhad*|\
     chomhad*|\
     lisible|lisibles|legible|legibles|leible|leggibile|leggibili|legivel|legiveis|\
     machineleesbaar*|maszynow*|strojove|strojovo|strojno|citeln*|citateln*|citateľn*|\
     berljiv*|citljiv*|geppel|lizibil*|машинночетим*|машинно|αναγνώσιμ*|\
     αναγνωσιμ*|μηχανικώς|μηχανικως|koneluettav*|masinloetav*|masīnlasām*|masinlasam*|\
     skaitomu|skaitomo|skaitomas|inleite|meaisin*|\
     structuree|structurees|estructurad*|strutturat*|estruturad*|gestructureerd*|\
     ustrukturyzowan*|strukturovan*|strukturiran*|structurat*|struktureeri*|strukturēt*|\
     strukturet*|struktūrizuot*|strukturizuot*|rakenteise*|rakenteinen|структуриран*|δομημέν*|\
     δομημεν*|struchturth*|tagolt|jasennel*|\
     fournisseur*|proveedor*|fornitore|fornitori|fornecedor*|aanbieder*|\
     dostawc*|poskytovatel*|poskytovateľ*|ponudnik*|pruzatelj*|szolgaltatonak|szolgaltatohoz|\
     furnizor*|\
     доставчик*|πάροχ*|παροχο*|palveluntarjoaja*|teenusepakkuja*|sniedzēj*|sniedzej*|teikej*|\
     provider*|solathrai*";

/// The person's own data or the person: my, me, mine, I, and the "personal data" nouns.
pub(crate) const PERSONAL: &str = "mes|mon|mis|mi|mio|mios|mia|mias|conmigo|miei|mie|\
     meus|meu|minha|minhas|mim|mijn|mij|mijzelf|mn|ik|\
     moje|moja|moj|moji|mojo|moju|mojih|mojim|mojima|mojimi|mojem|mojega|mojemu|mojeg|mojoj|\
     mojom|mojej|mojego|mojich|mojou|moich|moim|moimi|moi|mnie|mna|mych|mym|mymi|muj|meho|memu|\
     mne|mnou|mnom|meni|mano|jaz|\
     svoj|svoja|svoje|svoji|svojo|svoju|svojih|svojich|svojim|svojimi|svojima|svych|svuj|\
     swoich|swoje|swoj|swoja|swoim|swoimi|swojej|swojego|\
     nekem|engem|rolam|enyem|altalam|tolem|szamomra|\
     mele|mea|mei|mine|imi|mă|\
     мен|мене|ми|ме|мой|моя|моят|моите|мои|моето|мое|аз|\
     μου|εμένα|εμενα|μένα|μενα|εγώ|εγω|\
     minun|minua|minulle|minusta|minulta|minulla|minuun|mina|\
     minu|mulle|minult|minust|minul|\
     mani|manus|manu|mana|manas|maniem|manis|manam|\
     mane|manes|manimi|manyje|\
     tiegħi|tieghi|lili|jien|jiena|dwari|miegħi|mieghi|għalija|ghalija|\
     mo|fum|liom|agam|orm|uaim|mise|\
     donnee*|personnel*|datos|personales|dati|personali|dados|pessoais|\
     gegevens*|persoonsgegeven*|persoonlijk*|\
     danych|dane|danymi|danym|osobow*|udaj*|osobn*|osebn*|podatk*|podaci*|podatak*|\
     adat*|szemelyes*|date|datele|datelor|personale|personal|\
     данни*|лични|личните|личната|личен|\
     δεδομέν*|δεδομεν*|στοιχεί*|στοιχει*|προσωπικ*|\
     tiedo*|tietoja*|tietojen*|tietoni|tietoihin*|tietoina|henkilotie*|andme*|isikuandme*|\
     datu|datus|datiem|duomen*|asmens|\
     sonrai*|shonrai*|pearsanta";

/// A person asking: request, ask, please, want, demand, could you, send me.
pub(crate) const ASKING: &str = "demand*|souhait*|prie|veuillez|merci|voudrais|voudrions|veux|\
     voulons|aimerais|aimerions|exige|exigeons|sollicite|requiers|svp|plait|pourriez|pouvez|\
     pourrais|envoyez|adressez|transmettez|\
     solicit*|pido|pedimos|ruego|rogamos|quiero|quisiera|queremos|favor|porfa|porfavor|exijo|\
     deseo|deseamos|necesito|podrian|pueden|podria|sirvanse|envien*|enviadme|enviadnos|enviadlos|\
     enviadlas|mandadme|mandadnos|mandenme|\
     chied*|richied*|richiest*|vorrei|voglio|vogliate|vogliamo|prego|favore|cortesemente|\
     gentilmente|potete|potreste|desidero|esigo|diffido|inviate*|mandatemi|mandateci|\
     peco|quero|queria|gostaria|gostariamos|agradeco|agradecia|podem|poderiam|podiam|venho|\
     requeiro|desejo|pretendo|enviem*|\
     verzoek*|vraag|vragen|wil|wilt|willen|graag|alstublieft|alsjeblieft|aub|gelieve|verlang|\
     verlange|verlangen|verlangt|\
     zou|zouden|wens|wensen|kunt|kunnen|stuur|stuurt|\
     prosze|prosimy|prosba*|zadam|zadamy|chce|chcemy|chcial*|wnosze|wnosimy|wniosek*|\
     wnioskuj*|domagam|uprzejmie|mozecie|moglibyscie|przeslijcie|\
     zadame|zadost*|ziados*|prosim|prosime|chci|chtel*|chceme|preji|přeji|pozaduj*|pozadav*|\
     muzete|mohli|laskave|\
     zaslete|poslete|\
     ziadam|ziadame|chcem|chcel*|mozete|poslite|\
     zahtev*|prosimo|zelim|zelimo|hocem|zelel*|posljite|\
     trazim|trazimo|molim|molimo|zahtijev*|zahtjev*|htio|htjela|htjeli|zamol*|posaljite|\
     kerem|kerek|kerelem*|kerelm*|kernem|kernek|szeretn*|kivanom|szives|szivesked*|kovetelem|\
     igenylem|\
     kuldjek|kuldjenek|kuldjetek|\
     rog|rugam*|rugăm*|doresc|dorim|vreau|vrea|vrem|cer|cerem|cerere*|puteti|puteți|puteţi|\
     trimiteti|trimiteți|trimiteţi|\
     моля|молим|искам|искаме|искане*|искания|желая|желаем|настоявам|изисквам|можете|бихте|\
     изпратете|\
     παρακαλώ|παρακαλω|παρακαλούμε|παρακαλουμε|ζητώ|ζητω|ζητούμε|ζητουμε|ζητάω|ζηταω|αίτημ*|\
     αιτημ*|αίτησ*|αιτησ*|θέλω|θελω|ήθελα|ηθελα|επιθυμώ|επιθυμω|επιθυμούμε|επιθυμουμε|απαιτώ|\
     απαιτω|μπορείτε|μπορειτε|στείλτε|στειλτε|\
     pyyda*|pyydet*|pyynno*|pyynto*|pyyta*|halua*|vaadi*|vaatimu*|ystavallisesti|voisitte*|\
     voitteko|voisitko|saisinko|saisimmeko|saanko|lahettakaa|\
     palun|palume|palve|soovin|soovime|sooviksin|sooviksime|nouan|nouame|nouda|taotl*|\
     tahaksin|tahame|saaksite|voiksite|saatke|\
     lūdzu|ludzu|lūdzam|ludzam|lūgum*|lugum*|vēlos|vēlamies|velamies|vēlētos|veletos|\
     piepras*|gribu|gribētu|gribetu|varat|varētu|varetu|nosūtiet|nosutiet|atsūtiet|atsutiet|\
     atsūtīt|atsutit|\
     prasau|prasome|prasym*|noriu|noreciau|norime|noretume|reikalauj*|galite|galetumet*|\
     atsiųskite|atsiuskite|\
     nitlob*|nitolb*|talba|talbiet|nixtieq*|irrid|rridx|jogħġ*|joghg*|tistgħu|tistghu|\
     nistaqsi*|ibagħtuli|ibaghtuli|tibagħtuli|tibaghtuli|\
     iarraim|iarraimid|iarratas*|thoil|dtoil|mhaith|eilim|teastaionn|seolaigi|cuirigi";

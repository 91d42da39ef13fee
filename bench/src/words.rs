//! Swedish-looking words and names for the generated dataset. Every person
//! is an obvious example (surnames built on "Exempel", addresses at
//! example.com); organisation names other than the regions are made up.

use crate::rng::Rng;

/// Small words that glue a Swedish sentence together.
const GLUE: &str = "och att för som med på i av till om vi det har ska kan inte men \
    från när också mer efter under mellan genom där hur vad alla sin sina varje både \
    eller så än redan nu sedan även bara mycket många flera andra nya";

/// Content words, the most common first: the picker favours the start.
const CONTENT: &str = "förbättringsarbete jämställdhet uppföljning kommunen verksamheten \
    utveckling kvalitet lärande mentorn deltagarna resultat styrning nämnd välfärd medborgare \
    kvinnor män arbetet handlingsplan indikatorer samverkan ledningen förvaltningen region \
    äldreomsorg skolan förskolan socialtjänsten hemtjänsten tillgänglighet delaktighet \
    politiker tjänstepersoner chefer medarbetare arbetsmiljö sjukfrånvaro rekrytering \
    kompetensförsörjning digitalisering brukare patienter vårdcentralen folkhälsa integration \
    arbetsmarknaden ungdomar föräldrar elever lärare rektorer budget ekonomi målstyrning \
    nyckeltal jämförelse statistik enkäten dialog mötet lärandeträffen resultatkonferensen \
    studiebesöket goda exempel reflektion erfarenheter förslag beslut ansvar mandat uppdraget \
    nämnden fullmäktige kommunstyrelsen förvaltningschefen strategen samordnaren projektet \
    partnerskapet nätverket klustret omgången deltagarkommunen mentorkommunen modellkommun \
    förebilder arbetssätt rutiner processer flöden mål effekter behov förutsättningar \
    utmaningar möjligheter risker åtgärder insatser satsningar prioriteringar tidplan \
    genomförande förankring kommunikation information webbplatsen invånarna företagen \
    föreningarna civilsamhället landsbygden tätorten centralorten glesbygden kollektivtrafiken \
    bostäder boendet trygghet säkerhet hälsa omsorg stöd service bemötande kontinuitet \
    förbättra utveckla följa genomföra pröva mäta jämföra dela lära sprida stärka öka minska \
    behålla ta fram analysera redovisa besluta förankra samordna planera prioritera \
    bättre viktig tydlig gemensam långsiktig systematisk öppen nöjd trygg hållbar lokal \
    regional nationell jämställd tillgänglig digital effektiv konkret tidig nästa första \
    andra tredje hela egen stora små flesta senaste kommande tidigare snabbt tydligt \
    gärna gemensamt långsiktigt sammantaget framför allt särskilt löpande kontinuerligt \
    könsuppdelad statistiken flickor pojkar äldre barn familjer biståndshandläggare \
    undersköterskor sjuksköterskor socialsekreterare handläggare kvalitetsledning \
    egenkontroll avvikelser klagomål synpunkter värdegrund likabehandling diskriminering \
    våld nära relationer missbruk beroende psykisk ohälsa ensamhet fritid kultur idrott \
    bibliotek räddningstjänst miljö klimat energi avfall vatten planering bygglov \
    näringsliv turism besöksnäring kompetens utbildning vuxenutbildning validering \
    praktik sysselsättning försörjningsstöd etablering nyanlända språk svenska \
    tolk teckenspråk hörsel syn rullstol ramp hiss toalett parkering skyltning";

/// Words that occur only a handful of times: a search for one of them must
/// find a needle, not half the record.
pub const RARE: &[&str] = &[
    "hörslinga",
    "tröskelfri",
    "ledstång",
    "teckenspråkstolkning",
    "punktskrift",
    "kontrastmarkering",
    "vilplan",
    "ramptrappa",
    "synskadeanpassad",
    "rullstolsramp",
    "dövblindtolk",
    "taktilplatta",
    "ljudfyr",
    "ledyta",
    "vindfång",
    "dörrautomatik",
    "höjbarhet",
    "kontrastfärg",
    "skyltprogram",
    "pratminus",
];

/// Second parts of compound words: real notes have a long tail of words
/// like "jämställdhetsarbete" or "kvalitetsrapport", each of them rare.
const COMPOUND_ENDS: &str = "arbete plan grupp möte frågor stöd insatser analys rapport \
    nätverk strategi mål uppdrag rutin enkät dialog processen perspektiv modell ansvar";

pub struct Vocabulary {
    glue: Vec<&'static str>,
    content: Vec<&'static str>,
    compounds: Vec<String>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::new()
    }
}

impl Vocabulary {
    pub fn new() -> Self {
        let content: Vec<&'static str> = CONTENT.split_whitespace().collect();
        let mut compounds = Vec::new();
        for stem in content.iter().filter(|w| w.chars().count() > 4) {
            let link =
                ["het", "ing", "tion", "skap", "else", "fall"].iter().any(|e| stem.ends_with(e));
            for end in COMPOUND_ENDS.split_whitespace() {
                compounds.push(format!("{stem}{}{end}", if link { "s" } else { "" }));
            }
        }
        Self { glue: GLUE.split_whitespace().collect(), content, compounds }
    }

    /// Distinct words it can write.
    pub fn size(&self) -> usize {
        self.glue.len() + self.content.len() + self.compounds.len()
    }

    /// A content word: a quarter from the long tail of compounds, the rest
    /// from the common words, the first of them more often than the last
    /// (a word like "jämställdhet" ends up in about one text in eight).
    fn content_word<'a>(&'a self, rng: &mut Rng) -> &'a str {
        if rng.chance(0.25) {
            rng.pick(&self.compounds).as_str()
        } else if rng.chance(0.5) {
            self.content[rng.below(self.content.len())]
        } else {
            let u = rng.unit();
            self.content[(u.powf(1.5) * self.content.len() as f64) as usize]
        }
    }

    /// One sentence of 6 to 16 words, capitalised, with a full stop.
    pub fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let words = rng.range(6, 16);
        for i in 0..words {
            let word = if rng.chance(0.0007) {
                rng.pick(RARE)
            } else if i > 0 && rng.chance(0.38) {
                rng.pick_skewed(&self.glue)
            } else {
                self.content_word(rng)
            };
            if i == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push('.');
    }

    /// A text of `lo` to `hi` sentences.
    pub fn text(&self, rng: &mut Rng, lo: i64, hi: i64) -> String {
        let mut out = String::new();
        for i in 0..rng.range(lo, hi) {
            if i > 0 {
                out.push(' ');
            }
            self.sentence(rng, &mut out);
        }
        out
    }

    /// A short title of two to five words, without a full stop.
    pub fn phrase(&self, rng: &mut Rng) -> String {
        let mut s = String::new();
        self.sentence(rng, &mut s);
        let words: Vec<&str> = s.trim_end_matches('.').split(' ').collect();
        words[..words.len().min(rng.range(2, 5) as usize)].join(" ")
    }
}

pub const WOMEN: &[&str] = &[
    "Anna",
    "Maria",
    "Karin",
    "Eva",
    "Kristina",
    "Lena",
    "Sara",
    "Emma",
    "Ingrid",
    "Malin",
    "Johanna",
    "Linnéa",
    "Elin",
    "Sofia",
    "Åsa",
    "Annika",
    "Helena",
    "Ulrika",
    "Camilla",
    "Cecilia",
    "Jenny",
    "Hanna",
    "Ida",
    "Frida",
    "Maja",
    "Ebba",
    "Agnes",
    "Märta",
    "Ylva",
    "Gunilla",
    "Birgitta",
    "Margareta",
    "Elisabeth",
    "Susanne",
    "Therese",
    "Louise",
    "Josefin",
    "Matilda",
    "Klara",
    "Alva",
    "Sigrid",
    "Tove",
    "Stina",
    "Karolina",
    "Jessica",
    "Petra",
];

pub const MEN: &[&str] = &[
    "Erik",
    "Lars",
    "Karl",
    "Anders",
    "Johan",
    "Per",
    "Nils",
    "Mikael",
    "Jan",
    "Hans",
    "Peter",
    "Fredrik",
    "Daniel",
    "Magnus",
    "Mattias",
    "Andreas",
    "Jonas",
    "Martin",
    "Björn",
    "Göran",
    "Stefan",
    "Ulf",
    "Bengt",
    "Åke",
    "Örjan",
    "Olof",
    "Gustav",
    "Oskar",
    "Axel",
    "Viktor",
    "Emil",
    "Hampus",
    "Jörgen",
    "Håkan",
    "Sören",
    "Torbjörn",
    "Mats",
    "Tomas",
    "Henrik",
    "Pontus",
    "Linus",
    "Sixten",
    "Kjell",
    "Roger",
    "Patrik",
    "Niklas",
];

pub const NEUTRAL: &[&str] = &["Kim", "Robin", "Alex", "Charlie", "Sam", "Love", "Noa"];

pub const SURNAMES: &[&str] = &[
    "Exempel",
    "Exempelsson",
    "Exempeldotter",
    "Exempelberg",
    "Exempelström",
    "Exempellund",
    "Exempelqvist",
    "Exempeldahl",
    "Exempelgren",
    "Exempelholm",
    "Exempelsjö",
    "Exempelfors",
    "Exempelbäck",
    "Exempelhed",
    "Exempelnäs",
    "Exempelmark",
    "Exempelvik",
    "Exempelå",
    "Exempelöhrn",
    "Exempelängen",
];

/// Titles by organisational level: politician, senior manager, strategist, operational.
pub const TITLES: [&[&str]; 4] = [
    &[
        "Kommunstyrelsens ordförande",
        "Kommunalråd",
        "Oppositionsråd",
        "Regionråd",
        "Nämndordförande",
        "Ledamot i kommunstyrelsen",
    ],
    &[
        "Kommundirektör",
        "Regiondirektör",
        "Förvaltningschef",
        "Socialchef",
        "Utbildningschef",
        "HR-chef",
        "Ekonomichef",
    ],
    &[
        "Utvecklingsstrateg",
        "Kvalitetsstrateg",
        "Jämställdhetsstrateg",
        "Controller",
        "Statistiker",
        "Kommunikatör",
        "HR-specialist",
        "Folkhälsostrateg",
    ],
    &[
        "Enhetschef",
        "Verksamhetsutvecklare",
        "Handläggare",
        "Samordnare",
        "Projektledare",
        "Biståndshandläggare",
        "Rektor",
    ],
];

/// Counties by SCB code, their name and their region, and how many
/// municipalities each has in Sweden (290 in all).
pub const COUNTIES: [(&str, &str, &str, usize); 21] = [
    ("01", "Stockholms län", "Region Stockholm", 26),
    ("03", "Uppsala län", "Region Uppsala", 8),
    ("04", "Södermanlands län", "Region Sörmland", 9),
    ("05", "Östergötlands län", "Region Östergötland", 13),
    ("06", "Jönköpings län", "Region Jönköpings län", 13),
    ("07", "Kronobergs län", "Region Kronoberg", 8),
    ("08", "Kalmar län", "Region Kalmar län", 12),
    ("09", "Gotlands län", "Region Gotland", 1),
    ("10", "Blekinge län", "Region Blekinge", 5),
    ("12", "Skåne län", "Region Skåne", 33),
    ("13", "Hallands län", "Region Halland", 6),
    ("14", "Västra Götalands län", "Västra Götalandsregionen", 49),
    ("17", "Värmlands län", "Region Värmland", 16),
    ("18", "Örebro län", "Region Örebro län", 12),
    ("19", "Västmanlands län", "Region Västmanland", 10),
    ("20", "Dalarnas län", "Region Dalarna", 15),
    ("21", "Gävleborgs län", "Region Gävleborg", 10),
    ("22", "Västernorrlands län", "Region Västernorrland", 7),
    ("23", "Jämtlands län", "Region Jämtland Härjedalen", 8),
    ("24", "Västerbottens län", "Region Västerbotten", 15),
    ("25", "Norrbottens län", "Region Norrbotten", 14),
];

/// Made-up municipality names: a first part and an ending.
pub const PLACE_STARTS: &[&str] = &[
    "Björk", "Ek", "Gran", "Tall", "Sjö", "Berg", "Älv", "Ås", "Ör", "Lind", "Häll", "Norr",
    "Söder", "Väster", "Öster", "Mål", "Ham", "Stor", "Lill", "Fors", "Hag", "Kvarn", "Mo", "Sand",
    "Sten", "Hed", "Myr", "Ljung", "Rön", "Al", "Bäck", "Dal", "Vret", "Kil", "Ed", "Lövs", "Åker",
    "Ängs", "Hult", "Rå",
];

pub const PLACE_ENDS: &[&str] = &[
    "sjö", "berga", "vik", "å", "hult", "näs", "stad", "köping", "holm", "fors", "dal", "backa",
    "ryd", "torp", "by", "mark", "heden", "älv", "sund", "lunda", "stränd", "bo",
];

/// Organisations that are neither municipalities nor regions:
/// (name, kind, county code).
pub const OTHERS: &[(&str, &str, &str)] = &[
    ("Sveriges Kommuner och Regioner", "association", "01"),
    ("Umeå universitet", "university", "24"),
    ("Luleå tekniska universitet", "university", "25"),
    ("Göteborgs universitet", "university", "14"),
    ("Karlstads universitet", "university", "17"),
    ("Försäkringskassan", "authority", "01"),
    ("Arbetsförmedlingen", "authority", "01"),
    ("Kommunförbundet Norrbotten", "association", "25"),
    ("Föreningen Kvalitetsnätverket", "association", "12"),
    ("Jämställdhetsmyndigheten", "authority", "14"),
    ("Linköpings universitet", "university", "05"),
];

/// Themes for partnership names, workshops and good examples.
pub const THEMES: &[&str] = &[
    "äldreomsorg",
    "jämställdhet",
    "skolresultat",
    "arbetsmiljö",
    "kompetensförsörjning",
    "digitalisering",
    "folkhälsa",
    "integration",
    "tillgänglighet",
    "socialtjänst",
    "landsbygdsutveckling",
    "medborgardialog",
    "hållbar utveckling",
    "ungas psykiska hälsa",
    "sjukfrånvaro",
    "kvalitetsledning",
];

pub const AGENDA: &[&str] = &[
    "Välkommen och presentation",
    "Uppföljning av förbättringsarbetet",
    "Goda exempel",
    "Reflektion i grupp",
    "Nästa steg",
    "Indikatorer för kvinnor och män",
    "Gruppdiskussion",
    "Rapport från mentorn",
    "Handlingsplaner",
    "Erfarenheter från studiebesöket",
    "Politikernas roll",
    "Ekonomi och budget",
    "Tillgänglighet i lokalerna",
    "Avslutning och utvärdering",
];

pub const CLUSTERS: &[&str] =
    &["Kluster Norr", "Kluster Syd", "Kluster Kust", "Kluster Inland", "Kluster Mitt"];

/// A name without å, ä, ö or accents, for an e-mail address.
pub fn ascii(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            'å' | 'ä' | 'Å' | 'Ä' => Some('a'),
            'ö' | 'Ö' => Some('o'),
            'é' | 'É' => Some('e'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_is_a_few_hundred_words_with_swedish_letters() {
        let v = Vocabulary::new();
        assert!(v.size() > 3000, "{}", v.size());
        assert!(CONTENT.contains('å') && CONTENT.contains('ä') && CONTENT.contains('ö'));
    }

    #[test]
    fn county_sizes_add_up_to_290() {
        assert_eq!(COUNTIES.iter().map(|c| c.3).sum::<usize>(), 290);
        for (code, ..) in COUNTIES {
            let region = format!("00{code}");
            assert!(samlar::kernel::validate::municipality_code(&region, "code").is_ok());
        }
    }

    #[test]
    fn ascii_folds_swedish_letters() {
        assert_eq!(ascii("Örjan Exempelå"), "orjanexempela");
    }
}

/* dlg-analysis-stopwords.c — the stop words of the five languages the analysis knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists are the Snowball project's stop word lists (https://snowballstem.org, © Dr Martin
 * Porter and the Snowball contributors, BSD-3-Clause licence), word for word as Debian ships
 * them in postgresql-15 (/usr/share/postgresql/15/tsearch_data/<language>.stop, UTF-8, which
 * PostgreSQL took from Snowball). The "extra" lists after each are ours (GPL): frequent words of
 * citizens' contributions that Snowball's lists leave out and that would otherwise label
 * themes ("cette", "faut", "plus").
 *
 * Regenerate a Snowball list with:
 *   tr '\n' ' ' < /usr/share/postgresql/15/tsearch_data/french.stop
 */

#include "config.h"

#include "dlg-analysis-private.h"

static const char * const stop_french[] = {
  "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
  "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos",
  "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son",
  "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d",
  "j", "l", "à", "m", "n", "s", "t", "y", "été", "étée", "étées", "étés", "étant", "étante",
  "étants", "étantes", "suis", "es", "est", "sommes", "êtes", "sont", "serai", "seras", "sera",
  "serons", "serez", "seront", "serais", "serait", "serions", "seriez", "seraient", "étais",
  "était", "étions", "étiez", "étaient", "fus", "fut", "fûmes", "fûtes", "furent", "sois", "soit",
  "soyons", "soyez", "soient", "fusse", "fusses", "fût", "fussions", "fussiez", "fussent",
  "ayant", "ayante", "ayantes", "ayants", "eu", "eue", "eues", "eus", "ai", "as", "avons", "avez",
  "ont", "aurai", "auras", "aura", "aurons", "aurez", "auront", "aurais", "aurait", "aurions",
  "auriez", "auraient", "avais", "avait", "avions", "aviez", "avaient", "eut", "eûmes", "eûtes",
  "eurent", "aie", "aies", "ait", "ayons", "ayez", "aient", "eusse", "eusses", "eût", "eussions",
  "eussiez", "eussent", NULL
};

static const char * const extra_french[] = {
  /* Snowball's French list has "le" and "la" but not "les" */
  "les", "ils", "elles",
  "cet", "cette", "ceux", "celle", "celles", "celui", "ici", "là", "plus", "moins", "tout",
  "tous", "toute", "toutes", "très", "trop", "aussi", "faut", "fait", "faire", "être", "avoir",
  "bien", "peu", "comme", "si", "sans", "non", "oui", "car", "donc", "alors", "ainsi", "dont",
  "où", "afin", "etc", "chaque", "leurs", "quand", "quel", "quelle", "quels", "quelles", NULL
};

static const char * const stop_spanish[] = {
  "de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con",
  "no", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este", "sí",
  "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "me", "hasta", "hay",
  "donde", "quien", "desde", "todo", "nos", "durante", "todos", "uno", "les", "ni", "contra",
  "otros", "ese", "eso", "ante", "ellos", "e", "esto", "mí", "antes", "algunos", "qué", "unos",
  "yo", "otro", "otras", "otra", "él", "tanto", "esa", "estos", "mucho", "quienes", "nada",
  "muchos", "cual", "poco", "ella", "estar", "estas", "algunas", "algo", "nosotros", "mi", "mis",
  "tú", "te", "ti", "tu", "tus", "ellas", "nosotras", "vosostros", "vosostras", "os", "mío",
  "mía", "míos", "mías", "tuyo", "tuya", "tuyos", "tuyas", "suyo", "suya", "suyos", "suyas",
  "nuestro", "nuestra", "nuestros", "nuestras", "vuestro", "vuestra", "vuestros", "vuestras",
  "esos", "esas", "estoy", "estás", "está", "estamos", "estáis", "están", "esté", "estés",
  "estemos", "estéis", "estén", "estaré", "estarás", "estará", "estaremos", "estaréis", "estarán",
  "estaría", "estarías", "estaríamos", "estaríais", "estarían", "estaba", "estabas", "estábamos",
  "estabais", "estaban", "estuve", "estuviste", "estuvo", "estuvimos", "estuvisteis",
  "estuvieron", "estuviera", "estuvieras", "estuviéramos", "estuvierais", "estuvieran",
  "estuviese", "estuvieses", "estuviésemos", "estuvieseis", "estuviesen", "estando", "estado",
  "estada", "estados", "estadas", "estad", "he", "has", "ha", "hemos", "habéis", "han", "haya",
  "hayas", "hayamos", "hayáis", "hayan", "habré", "habrás", "habrá", "habremos", "habréis",
  "habrán", "habría", "habrías", "habríamos", "habríais", "habrían", "había", "habías",
  "habíamos", "habíais", "habían", "hube", "hubiste", "hubo", "hubimos", "hubisteis", "hubieron",
  "hubiera", "hubieras", "hubiéramos", "hubierais", "hubieran", "hubiese", "hubieses",
  "hubiésemos", "hubieseis", "hubiesen", "habiendo", "habido", "habida", "habidos", "habidas",
  "soy", "eres", "es", "somos", "sois", "son", "sea", "seas", "seamos", "seáis", "sean", "seré",
  "serás", "será", "seremos", "seréis", "serán", "sería", "serías", "seríamos", "seríais",
  "serían", "era", "eras", "éramos", "erais", "eran", "fui", "fuiste", "fue", "fuimos",
  "fuisteis", "fueron", "fuera", "fueras", "fuéramos", "fuerais", "fueran", "fuese", "fueses",
  "fuésemos", "fueseis", "fuesen", "sintiendo", "sentido", "sentida", "sentidos", "sentidas",
  "siente", "sentid", "tengo", "tienes", "tiene", "tenemos", "tenéis", "tienen", "tenga",
  "tengas", "tengamos", "tengáis", "tengan", "tendré", "tendrás", "tendrá", "tendremos",
  "tendréis", "tendrán", "tendría", "tendrías", "tendríamos", "tendríais", "tendrían", "tenía",
  "tenías", "teníamos", "teníais", "tenían", "tuve", "tuviste", "tuvo", "tuvimos", "tuvisteis",
  "tuvieron", "tuviera", "tuvieras", "tuviéramos", "tuvierais", "tuvieran", "tuviese", "tuvieses",
  "tuviésemos", "tuvieseis", "tuviesen", "teniendo", "tenido", "tenida", "tenidos", "tenidas",
  "tened", NULL
};

static const char * const extra_spanish[] = {
  "hacer", "hace", "puede", "pueden", "ser", "así", "aquí", "también", "etc", "cada", "usted",
  "ustedes", "tal", "ir", "poder", "sabe", NULL
};

static const char * const stop_english[] = {
  "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
  "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
  "itself", "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom",
  "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being",
  "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but",
  "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
  "against", "between", "into", "through", "during", "before", "after", "above", "below", "to",
  "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then",
  "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few",
  "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so",
  "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now", NULL
};

static const char * const extra_english[] = {
  "also", "would", "could", "should", "may", "might", "must", "us", "etc", NULL
};

static const char * const stop_german[] = {
  "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander",
  "andere", "anderem", "anderen", "anderer", "anderes", "anderm", "andern", "anderr", "anders",
  "auch", "auf", "aus", "bei", "bin", "bis", "bist", "da", "damit", "dann", "der", "den", "des",
  "dem", "die", "das", "daß", "derselbe", "derselben", "denselben", "desselben", "demselben",
  "dieselbe", "dieselben", "dasselbe", "dazu", "dein", "deine", "deinem", "deinen", "deiner",
  "deines", "denn", "derer", "dessen", "dich", "dir", "du", "dies", "diese", "diesem", "diesen",
  "dieser", "dieses", "doch", "dort", "durch", "ein", "eine", "einem", "einen", "einer", "eines",
  "einig", "einige", "einigem", "einigen", "einiger", "einiges", "einmal", "er", "ihn", "ihm",
  "es", "etwas", "euer", "eure", "eurem", "euren", "eurer", "eures", "für", "gegen", "gewesen",
  "hab", "habe", "haben", "hat", "hatte", "hatten", "hier", "hin", "hinter", "ich", "mich", "mir",
  "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "euch", "im", "in", "indem", "ins", "ist",
  "jede", "jedem", "jeden", "jeder", "jedes", "jene", "jenem", "jenen", "jener", "jenes", "jetzt",
  "kann", "kein", "keine", "keinem", "keinen", "keiner", "keines", "können", "könnte", "machen",
  "man", "manche", "manchem", "manchen", "mancher", "manches", "mein", "meine", "meinem",
  "meinen", "meiner", "meines", "mit", "muss", "musste", "nach", "nicht", "nichts", "noch", "nun",
  "nur", "ob", "oder", "ohne", "sehr", "sein", "seine", "seinem", "seinen", "seiner", "seines",
  "selbst", "sich", "sie", "ihnen", "sind", "so", "solche", "solchem", "solchen", "solcher",
  "solches", "soll", "sollte", "sondern", "sonst", "über", "um", "und", "uns", "unse", "unsem",
  "unsen", "unser", "unses", "unter", "viel", "vom", "von", "vor", "während", "war", "waren",
  "warst", "was", "weg", "weil", "weiter", "welche", "welchem", "welchen", "welcher", "welches",
  "wenn", "werde", "werden", "wie", "wieder", "will", "wir", "wird", "wirst", "wo", "wollen",
  "wollte", "würde", "würden", "zu", "zum", "zur", "zwar", "zwischen", NULL
};

static const char * const extra_german[] = {
  "auch", "noch", "schon", "sehr", "mehr", "immer", "etc", NULL
};

static const char * const stop_finnish[] = {
  "olla", "olen", "olet", "on", "olemme", "olette", "ovat", "ole", "oli", "olisi", "olisit",
  "olisin", "olisimme", "olisitte", "olisivat", "olit", "olin", "olimme", "olitte", "olivat",
  "ollut", "olleet", "en", "et", "ei", "emme", "ette", "eivät", "minä", "minun", "minut", "minua",
  "minussa", "minusta", "minuun", "minulla", "minulta", "minulle", "sinä", "sinun", "sinut",
  "sinua", "sinussa", "sinusta", "sinuun", "sinulla", "sinulta", "sinulle", "hän", "hänen",
  "hänet", "häntä", "hänessä", "hänestä", "häneen", "hänellä", "häneltä", "hänelle", "me",
  "meidän", "meidät", "meitä", "meissä", "meistä", "meihin", "meillä", "meiltä", "meille", "te",
  "teidän", "teidät", "teitä", "teissä", "teistä", "teihin", "teillä", "teiltä", "teille", "he",
  "heidän", "heidät", "heitä", "heissä", "heistä", "heihin", "heillä", "heiltä", "heille", "tämä",
  "tämän", "tätä", "tässä", "tästä", "tähän", "tallä", "tältä", "tälle", "tänä", "täksi", "tuo",
  "tuon", "tuotä", "tuossa", "tuosta", "tuohon", "tuolla", "tuolta", "tuolle", "tuona", "tuoksi",
  "se", "sen", "sitä", "siinä", "siitä", "siihen", "sillä", "siltä", "sille", "sinä", "siksi",
  "nämä", "näiden", "näitä", "näissä", "näistä", "näihin", "näillä", "näiltä", "näille", "näinä",
  "näiksi", "nuo", "noiden", "noita", "noissa", "noista", "noihin", "noilla", "noilta", "noille",
  "noina", "noiksi", "ne", "niiden", "niitä", "niissä", "niistä", "niihin", "niillä", "niiltä",
  "niille", "niinä", "niiksi", "kuka", "kenen", "kenet", "ketä", "kenessä", "kenestä", "keneen",
  "kenellä", "keneltä", "kenelle", "kenenä", "keneksi", "ketkä", "keiden", "ketkä", "keitä",
  "keissä", "keistä", "keihin", "keillä", "keiltä", "keille", "keinä", "keiksi", "mikä", "minkä",
  "minkä", "mitä", "missä", "mistä", "mihin", "millä", "miltä", "mille", "minä", "miksi", "mitkä",
  "joka", "jonka", "jota", "jossa", "josta", "johon", "jolla", "jolta", "jolle", "jona", "joksi",
  "jotka", "joiden", "joita", "joissa", "joista", "joihin", "joilla", "joilta", "joille", "joina",
  "joiksi", "että", "ja", "jos", "koska", "kuin", "mutta", "niin", "sekä", "sillä", "tai", "vaan",
  "vai", "vaikka", "kanssa", "mukaan", "noin", "poikki", "yli", "kun", "niin", "nyt", "itse", NULL
};

static const char * const extra_finnish[] = {
  "myös", "vain", "jo", "sekä", NULL
};

/* Indexed by DlgAnalysisLanguage (French, Spanish, English, German, Finnish). */
const char * const *const dlg_analysis_stop_words[DLG_ANALYSIS_N_LANGUAGES] = {
  stop_french, stop_spanish, stop_english, stop_german, stop_finnish,
};

const char * const *const dlg_analysis_extra_stop_words[DLG_ANALYSIS_N_LANGUAGES] = {
  extra_french, extra_spanish, extra_english, extra_german, extra_finnish,
};

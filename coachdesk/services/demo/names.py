"""Name pools (Faker en_GB and other locales, hand-written lists) and ASCII e-mail addresses."""

from __future__ import annotations

import random
import re
import unicodedata

from faker import Faker

#: Traditions drawn for about a quarter of people, with relative weights.
OTHER_TRADITIONS: tuple[tuple[str, int], ...] = (
    ("polish", 16),
    ("yoruba", 12),
    ("filipino", 12),
    ("greek", 8),
    ("tamil", 8),
    ("romanian", 8),
    ("ghanaian", 8),
    ("indian", 8),
    ("portuguese", 7),
    ("lithuanian", 6),
    ("turkish", 7),
)
#: The share of people whose names come from OTHER_TRADITIONS rather than en_GB.
OTHER_SHARE = 0.25

#: Traditions drawn from Faker locales: tradition -> locale.
FAKER_LOCALES = {
    "british": "en_GB",
    "polish": "pl_PL",
    "greek": "el_GR",
    "romanian": "ro_RO",
    "turkish": "tr_TR",
    "portuguese": "pt_PT",
    "indian": "en_IN",
}

# Hand-written pools where Faker has no locale (or a poor one): given (female, male), family
# (female, male). Not real people: common given names and surnames combined at random.
_HAND: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "yoruba": (
        (
            "Fọláṣadé",
            "Títílọpẹ́",
            "Yéwándé",
            "Àbẹ̀ní",
            "Ìbùkún",
            "Adéọlá",
            "Bùkọ́lá",
            "Ṣadé",
            "Funmilayo",
        ),
        ("Adébáyọ̀", "Olúwaṣeun", "Babátúndé", "Ọlámídé", "Adéwálé", "Oyèwọlé", "Kẹ́hìndé", "Tunde"),
        (
            "Ògúnlẹ́yẹ",
            "Adébáyọ̀",
            "Ọládipọ̀",
            "Akínwándé",
            "Ọlátúnjí",
            "Ajíbádé",
            "Adéyẹmí",
            "Fálọlá",
            "Adeyemi",
            "Ogunleye",
        ),
        (),
    ),
    "tamil": (
        ("Priya", "Lakshmi", "Meenakshi", "Kavitha", "Thenmozhi", "Anbarasi", "Selvi", "Nithya"),
        ("Karthik", "Senthil", "Arun", "Vignesh", "Murugan", "Rajendran", "Saravanan", "Balaji"),
        (
            "Subramaniam",
            "Krishnan",
            "Ramasamy",
            "Sivakumar",
            "Natarajan",
            "Balasubramanian",
            "Sivarajah",
            "Kanagaratnam",
            "Jeyakumar",
            "Arumugam",
        ),
        (),
    ),
    "filipino": (
        (
            "Maria Cristina",
            "Jocelyn",
            "Rowena",
            "Marites",
            "Ma. Teresa",
            "Rhodora",
            "Mary Grace",
            "Analyn",
            "Ligaya",
        ),
        ("Jerome", "Arnel", "Rommel", "Mark Anthony", "Reynaldo", "Ferdinand", "Jun"),
        (
            "Dela Cruz",
            "Santos",
            "Reyes",
            "Bautista",
            "Villanueva",
            "Mendoza",
            "Macaraeg",
            "Manalo",
            "Dimaculangan",
            "Pangilinan",
            "Magbanua",
            "Tolentino",
        ),
        (),
    ),
    "ghanaian": (
        ("Akosua", "Ama", "Abena", "Efua", "Adwoa", "Afua", "Esi", "Nana Ama", "Akua"),
        ("Kwame", "Kofi", "Yaw", "Kwabena", "Kwaku", "Kojo", "Kwesi", "Nii"),
        (
            "Mensah",
            "Owusu",
            "Boateng",
            "Asante",
            "Osei",
            "Acheampong",
            "Agyeman",
            "Darko",
            "Appiah",
            "Ofori",
            "Tetteh",
            "Frimpong",
        ),
        (),
    ),
    "lithuanian": (
        ("Rūta", "Aistė", "Eglė", "Jurgita", "Vilma", "Indrė", "Gintarė", "Dalia"),
        ("Mantas", "Tomas", "Darius", "Žydrūnas", "Giedrius", "Rimantas", "Andrius"),
        (
            "Kazlauskienė",
            "Jankauskienė",
            "Petrauskaitė",
            "Stankevičienė",
            "Vasiliauskaitė",
            "Žukauskienė",
            "Urbonienė",
        ),
        (
            "Kazlauskas",
            "Jankauskas",
            "Petrauskas",
            "Stankevičius",
            "Vasiliauskas",
            "Žukauskas",
            "Urbonas",
        ),
    ),
}

_GREEK = dict(
    zip(
        "αβγδεζηικλμνξοπρσςτυφωΑΒΓΔΕΖΗΙΚΛΜΝΞΟΠΡΣΤΥΦΩ",
        "avgdeziiklmnxoprsstyfoAVGDEZIIKLMNXOPRSTYFO",
        strict=True,
    )
)
_GREEK.update({"θ": "th", "χ": "ch", "ψ": "ps", "Θ": "Th", "Χ": "Ch", "Ψ": "Ps"})
_EXTRA = {"ı": "i", "ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "æ": "ae"}
_FOLD = {**_GREEK, **_EXTRA}
_DIGRAPHS = (("ου", "ou"), ("Ου", "Ou"), ("ΟΥ", "OU"), ("αι", "ai"), ("ει", "ei"), ("οι", "oi"))
_WORD = re.compile(r"[a-z0-9]+")


def to_ascii(text: str) -> str:
    """A Latin-letter spelling: accents dropped (NFKD), Greek transliterated, the rest dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    for greek, latin in _DIGRAPHS:
        bare = bare.replace(greek, latin)
    return "".join(_FOLD.get(c, c) for c in bare).encode("ascii", "ignore").decode("ascii")


def email_local(given: str, family: str) -> str:
    """``first.family`` in lower-case ASCII, or "" when a name has no Latin spelling."""
    first = _WORD.findall(to_ascii(given).lower())
    last = _WORD.findall(to_ascii(family).lower())
    if not first or not last:
        return ""
    head = first[0] if len(first[0]) > 2 else "".join(first)
    return f"{head}.{''.join(last)}"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


class NamePools:
    """Given names and surnames per tradition, drawn once per demo from seeded Faker instances."""

    def __init__(self, seed: int, per_list: int) -> None:
        self.pools: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {}
        for tradition, locale in FAKER_LOCALES.items():
            fake = Faker(locale)
            fake.seed_instance(seed)
            n = per_list if tradition == "british" else max(12, per_list // 4)
            pool = (
                _unique([fake.first_name_female() for _ in range(n)]),
                _unique([fake.first_name_male() for _ in range(n)]),
                _unique([fake.last_name_female() for _ in range(n * 2)]),
                _unique([fake.last_name_male() for _ in range(n * 2)]),
            )
            self.pools[tradition] = pool
        for tradition, (gf, gm, ff, fm) in _HAND.items():
            self.pools[tradition] = (list(gf), list(gm), list(ff), list(fm or ff))
        # The first Polish surnames carry the letters people most often mangle (ł, ż, ś).
        for family in self.pools["polish"][2:]:
            family.sort(key=lambda s: not any(c in s for c in "łżśŁŻŚ"))

    def draw(
        self, rng: random.Random, tradition: str, female: bool, first: bool = False
    ) -> tuple[str, str]:
        """(given name, surname); ``first`` takes the head of each list (a predictable pick)."""
        gf, gm, ff, fm = self.pools[tradition]
        given_pool, family_pool = (gf, ff) if female else (gm, fm)
        if first:
            given, family = given_pool[0], family_pool[0]
        else:
            given, family = rng.choice(given_pool), rng.choice(family_pool)
        if tradition == "greek" and rng.random() < 0.35:
            # Records often carry a Latin given name beside a Greek surname.
            given = to_ascii(given) or given
        return given, family

    def tradition(self, rng: random.Random) -> str:
        """A tradition: en_GB for about three in four people, another pool otherwise."""
        if rng.random() >= OTHER_SHARE:
            return "british"
        names = [t for t, _ in OTHER_TRADITIONS]
        weights = [w for _, w in OTHER_TRADITIONS]
        return rng.choices(names, weights)[0]

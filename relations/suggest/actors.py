"""Actors: known names found in one pass, spelling variants, and new names proposed with a kind.

1. Every spelling of every known actor (name and aliases) goes into one Aho-Corasick automaton
   (pyahocorasick), matched case-insensitively on word boundaries; the longest match wins where two overlap.
   A spelling that starts with a capital must be capitalised in the text too ("Turkey", not "turkey").
2. Runs of capitalised words not matched exactly are compared word by word with the words of known
   spellings (rapidfuzz, ≥ 88 % similar, same first two letters): "Nazabayev" is Nazarbayev.
3. A run that names a known organisation another way is that organisation (`_organisation_variant`):
   an acronym made of its name's initials ("IAEA"), or of them less an owner named just before it
   ("France’s MFA" → "Ministry of Foreign Affairs of France"); the same initials and all words but one
   the same, that one naming no state ("International Atomic Energy Authority" → "… Agency", renamed or
   misnamed); a bare organisation word ("the Parliament") when exactly one known organisation has that
   word and a state named in the text in its name ("Parliament of Norway").
4. What is left becomes a new name when something says what it is: a title before it ("Deputy Ambassador
   Erik Yakubayev" → person), an organisation word in it ("Institute of Diplomacy" → organisation), a
   country name (→ state), or two to four capitalised words that look like a person's name.
"""

import re
from dataclasses import dataclass

import ahocorasick
from rapidfuzz import fuzz, process

from relations.text import wordset

from .known import Known

PERSON, ORGANISATION, STATE = "person", "organisation", "state"

TITLES = (
    "President|Vice President|Vice-President|Prime Minister|Deputy Prime Minister|Foreign Minister|"
    "Defense Minister|Defence Minister|Finance Minister|Economy Minister|Interior Minister|Minister|"
    "Deputy Minister|Ambassador|Deputy Ambassador|Envoy|Consul|Consul General|Senator|Sen\\.|Rep\\.|"
    "Representative|Governor|Mayor|Chairman|Chairwoman|Chair|Speaker|Secretary|Secretary of State|"
    "Secretary-General|Secretary General|Director|Director General|Director-General|Deputy Director General|"
    "Chief Executive|CEO|Spokesman|Spokeswoman|Spokesperson|General|Gen\\.|Colonel|Col\\.|Admiral|Commander|"
    "Rabbi|Chief Rabbi|Imam|Bishop|Pope|King|Queen|Prince|Princess|Sheikh|Emir|Sultan|Judge|Justice|"
    "Professor|Prof\\.|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|Mr|Mrs|Ms|Dr|MK|Counsellor|Counselor|Attaché|Advisor|Adviser|"
    "Leader|Premier|Chancellor|Head|Founder|Editor|Correspondent|Analyst|Author|Deputy|Sir|Lord|Lady"
)
TITLE_WORDS = {w.rstrip(".") for title in TITLES.replace("\\", "").split("|") for w in title.split()}
# A title just before a name, in capitals or not: "Deputy Ambassador", "the Kazakh president", "spokesman".
_TITLE_BEFORE = re.compile(
    rf"(?:\b(?:{TITLES})|\b(?:spokesman|spokeswoman|envoy|ambassador|minister|president|analyst|expert|director|"
    r"chairman|official|leader|premier|counsellor|adviser|advisor|rabbi|professor|head))[\s,]*$"
)
# A title just after a name, in apposition: "Zvi Rav-Ner, Deputy General Director of …", "X, the envoy".
_TITLE_AFTER = re.compile(
    rf",\s+(?:the\s+|a\s+|an\s+)?(?:(?:[A-Z][\w’'-]*|former|deputy|chief|senior)\s+)*?(?:{TITLES}|"
    r"spokesman|spokeswoman|envoy|ambassador|minister|president|analyst|expert|director|chairman|official|"
    r"leader|counsellor|adviser|advisor|head|professor|researcher|correspondent|editor)\b"
)
ORGANISATION_WORDS = {
    "Institute",
    "University",
    "Ministry",
    "Exchange",
    "Bank",
    "Company",
    "Corporation",
    "Corp",
    "Council",
    "Committee",
    "Agency",
    "Organization",
    "Organisation",
    "Association",
    "Foundation",
    "Party",
    "Parliament",
    "Embassy",
    "Forum",
    "Fund",
    "Group",
    "Union",
    "Court",
    "Department",
    "Office",
    "Service",
    "Services",
    "Center",
    "Centre",
    "Times",
    "Post",
    "News",
    "Academy",
    "School",
    "College",
    "Authority",
    "Commission",
    "Assembly",
    "Federation",
    "League",
    "Airlines",
    "Airways",
    "Industries",
    "Ltd",
    "Inc",
    "Society",
    "Congress",
    "Senate",
    "Knesset",
    "Majlis",
    "Mazhilis",
    "Government",
    "Administration",
    "Army",
    "Force",
    "Forces",
    "Police",
    "Bureau",
    "Network",
    "Press",
    "Alliance",
    "Movement",
    "Front",
    "Conference",
    "Programme",
    "Program",
    "Project",
    "Trust",
    "Holding",
    "Holdings",
    "Partners",
    "Media",
    "Journal",
    "Gazette",
    "Herald",
    "Tribune",
    "Telegraph",
    "Review",
    "Monitor",
    "Briefing",
    "Channel",
    "Radio",
    "Television",
    "TV",
    "Club",
    "Chamber",
    "Board",
    "Mission",
    "Delegation",
    "Secretariat",
    "Cabinet",
    "Railways",
    "Nations",
    "Oil",
    "Gas",
    "Energy",
    "Petroleum",
    "Airport",
    "Port",
    "Hospital",
    "Museum",
    "Library",
    "Synagogue",
    "Church",
    "Mosque",
    "Community",
    "Congregation",
    "Observatory",
    "Laboratory",
    "Lab",
}
# States most often named in news; a new name that is one of them is proposed as a state.
COUNTRIES = wordset(
    "Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahrain "
    "Bangladesh Belarus Belgium Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chad Chile China "
    "Colombia Croatia Cuba Cyprus Czechia Denmark Egypt Estonia Ethiopia Finland France Georgia Germany Ghana "
    "Greece Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya "
    "Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali Malta Mexico "
    "Moldova Monaco Mongolia Montenegro Morocco Myanmar Nepal Netherlands Nigeria Norway Oman Pakistan "
    "Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Serbia Singapore "
    "Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand "
    "Tunisia Turkey Türkiye Turkmenistan Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia "
    "Zimbabwe"
) | {
    "United States",
    "United Kingdom",
    "Saudi Arabia",
    "South Korea",
    "North Korea",
    "South Africa",
    "New Zealand",
    "United Arab Emirates",
    "Soviet Union",
    "Czech Republic",
    "Sri Lanka",
    "Ivory Coast",
}
# Capitalised words that start sentences or name things other than actors.
NOT_NAMES = wordset(
    "A An The This That These Those It Its In On At For From By With Without As And But Or Nor So Yet If "
    "When While Where Why How What Who Whom Which After Before Since Until During Although Though Because "
    "He She They We You I His Her Their Our Your My Mr Mrs Ms Dr There Here Then Now Today Yesterday "
    "Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December Also Still Even Only Just Some Many Most Much More "
    "Few Several All Both Each Every Other Another Such No Not Yes One Two Three Four Five Six Seven Eight "
    "Nine Ten First Second Third Last Next New Old According However Moreover Meanwhile Indeed Instead "
    "Thus Therefore Furthermore Despite Given Like Unlike Under Over Between Among Against Into Onto Upon "
    "Photo Credit Reuters AP AFP Read Share Click See Related Image Video Comment Comments Advertisement "
    "Islamic Jewish Muslim Christian Arab Arabic Western Eastern Northern Southern Central Soviet Israeli "
    "Kazakh Russian American British European Asian Turkish Iranian Chinese Post-Soviet Foreign Deputy "
    "Prime President Minister Ambassador Director General Secretary Chairman Let Do Does Did Is Are Was "
    "Were Be Been Has Have Had Will Would Can Could Should May Might Must Shall"
)
_CAPITALISED = re.compile(
    r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)(?:(?:[^\S\n]+|[^\S\n]*-[^\S\n]*)(?:(?:of|for|and|the|on|de|van|von|al|bin|ibn|el|in|&)[^\S\n]+)*"
    r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.))*"
)
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    actor: str | None  # known actor's slug; None for a new name
    name: str
    kind: str | None
    score: float
    how: str  # "alias", "variant", "fuzzy", "surname", "new"


def fold(text: str) -> str:
    """Lower-case `text` keeping its length (so offsets stay valid): "İ" lower-cases to two characters."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _automaton(known: Known):
    entries: dict[str, tuple[int, bool, set[str]]] = {}
    for spelling, slug in known.aliases:
        spelling = spelling.strip()
        key = fold(spelling)
        if len(key) < 2:
            continue
        entry = entries.get(key)
        if entry is None:
            entries[key] = (len(key), spelling[0].isupper(), {slug})
        else:
            entry[2].add(slug)
    automaton = ahocorasick.Automaton()
    for key, entry in entries.items():
        automaton.add_word(key, entry)
    if len(automaton):
        automaton.make_automaton()
    return automaton


_LONG_WORD = re.compile(r"[A-Z][\w’'\-]{4,}")


def _generic(word: str) -> bool:
    """An organisation word ("Ministry", "Organizations"): it says what a thing is, not which one."""
    return word in ORGANISATION_WORDS or word.removesuffix("s") in ORGANISATION_WORDS


def _word_index(known: Known) -> dict[tuple[str, int], dict[str, str]]:
    """Words (5+ letters) of the known spellings of people and organisations that name one actor only,
    by their first two letters and length: a spelling variant ≥ 88 % similar differs in length by 2 at most.
    Organisation words are left out: "Organization" is no spelling of one particular organisation."""
    index: dict[tuple[str, int], dict[str, set[str]]] = {}
    kinds = {slug: actor.kind for slug, actor in known.actors.items()}
    for spelling, slug in known.aliases:
        if kinds.get(slug, STATE) == STATE:
            continue
        for word in _LONG_WORD.findall(spelling):
            if _generic(word):
                continue
            index.setdefault((word[:2].lower(), len(word)), {}).setdefault(word, set()).add(slug)
    return {
        key: {w: next(iter(slugs)) for w, slugs in words.items() if len(slugs) == 1} for key, words in index.items()
    }


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def find_known(text: str, known: Known) -> list[Mention]:
    automaton = known.cached("automaton", lambda: _automaton(known))
    if not len(automaton):
        return []
    folded = fold(text)
    candidates = []
    for last, (length, capital, slugs) in automaton.iter(folded):
        start, end = last - length + 1, last + 1
        if not _boundary(text, start, end) or (capital and not text[start].isupper()):
            continue
        candidates.append((start, end, slugs))
    # Longest first, then leftmost: keep matches that do not overlap a longer one.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    mentions = []
    for start, end, slugs in candidates:
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        slug = sorted(slugs)[0]
        actor = known.actors[slug]
        # One spelling shared by several actors is ambiguous: propose the first, less sure.
        score = 0.95 if len(slugs) == 1 else 0.5
        mentions.append(Mention(start, end, text[start:end], slug, actor.name, actor.kind, score, "alias"))
    return sorted(mentions, key=lambda m: m.start)


def _runs(text: str, covered: list[tuple[int, int]]):
    """Runs of capitalised words outside the `covered` spans, trimmed; yields (start, end, titled)."""
    for match in _CAPITALISED.finditer(text):
        pieces = [(match.start(), match.end())]
        for c_start, c_end in covered:
            pieces = (
                [
                    part
                    for p_start, p_end in pieces
                    for part in ((p_start, min(p_end, c_start)), (max(p_start, c_end), p_end))
                    if part[0] < part[1]
                ]
                if any(c_start < p_end and p_start < c_end for p_start, p_end in pieces)
                else pieces
            )
        for p_start, p_end in pieces:
            for q_start, q_end in _split_possessive_and(text, p_start, p_end):
                start, end, titled = _trim(text, q_start, q_end)
                for r_start, r_end, r_titled in _split_after_organisation(text, start, end, titled):
                    yield _trim(text, r_start, r_end, r_titled)


def _split_possessive_and(text: str, start: int, end: int):
    """Split "Israel’s Foreign Ministry" after the owner, and "MFA and Michael Brodsky" at the "and"
    (but not "Congress of Leaders of World and Traditional Religions", an organisation's own "and")."""
    cuts = [start]
    organisation = False
    for word in re.finditer(r"\S+", text[start:end]):
        w = word.group()
        organisation = organisation or _POSSESSIVE.sub("", w) in ORGANISATION_WORDS
        if _POSSESSIVE.search(w) and start + word.end() < end:
            cuts += [start + word.end(), start + word.end()]
        elif w in ("and", "&") and not organisation:
            cuts += [start + word.start(), start + word.end()]
    cuts.append(end)
    for i in range(0, len(cuts), 2):
        if cuts[i] < cuts[i + 1]:
            yield cuts[i], cuts[i + 1]


def _trim(text: str, start: int, end: int, titled: bool = False):
    """Strip leading titles, sentence words and possessives, and trailing joining words, from a run."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and (
        words[0].group().rstrip(".") in TITLE_WORDS
        or _POSSESSIVE.sub("", words[0].group()) in NOT_NAMES
        or words[0].group() in ("’s", "'s", "of", "for", "and", "the", "on", "in", "&")
    ):
        titled = titled or words[0].group().rstrip(".") in TITLE_WORDS
        words.pop(0)
    if not words:
        return start, start, titled
    start += words[0].start()
    end = start + len(_POSSESSIVE.sub("", text[start:end]))
    while end > start and (text[end - 1] in ".-," or text[end - 1].isspace()):
        end -= 1
    # Neither a lower-case joining word ("Bank of") nor a day or month ("Jonas Weber on Tuesday") ends a name.
    while True:
        last = text[start:end].rsplit(None, 1)
        if len(last) == 2 and (last[1] in {"of", "for", "and", "the", "on", "in", "&"} or last[1] in NOT_NAMES):
            end = start + len(last[0])
            continue
        break
    return start, end, titled


def _split_after_organisation(text: str, start: int, end: int, titled: bool):
    """ "Foreign Ministry Zvi Rav-Ner": an organisation's name, then a person it is the title of."""
    if end <= start:
        return
    words = list(re.finditer(r"\S+", text[start:end]))
    for i, word in enumerate(words[:-1]):
        following = words[i + 1].group()
        if word.group() in ORGANISATION_WORDS and following[:1].isupper() and following not in ORGANISATION_WORDS:
            rest = [w.group() for w in words[i + 1 :]]
            if 2 <= len(rest) <= 4 and not any(w in ORGANISATION_WORDS for w in rest):
                yield start, start + word.end(), titled
                yield start + words[i + 1].start(), end, True
                return
    yield start, end, titled


def find(text: str, known: Known) -> list[Mention]:
    """Every actor mention in `text`: known ones, spelling variants of known ones, and new names."""
    mentions = find_known(text, known)
    covered = [(m.start, m.end) for m in mentions]
    index = known.cached("words", lambda: _word_index(known))
    single_words = []
    for start, end, titled in _runs(text, list(covered)):
        if any(s < end and start < e for s, e in covered):
            continue
        run = text[start:end]
        mention = (
            _organisation_variant(text, start, end, known, mentions)
            or _fuzzy(text, start, end, index, known)
            or _new_name(text, start, end, run, titled)
        )
        if mention:
            mentions.append(mention)
            covered.append((mention.start, mention.end))
        if " " not in run and (mention is None or mention.how == "new"):
            single_words.append((start, end))
    # A surname alone stands for the person named in full in this text ("Zvi Rav-Ner" … "Rav-Ner said"),
    # else for the known person whose name ends with it; run-together words are split ("BinyaminNetanyahu").
    named = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.kind == PERSON and (m.actor or m.score >= 0.6) and len(m.text.split()) >= 2:
            named.setdefault(_POSSESSIVE.sub("", m.text.split()[-1]), m)
    surnames = known.cached("surnames", lambda: _surnames(known))
    replaced = set()
    for start, end in single_words:
        word = text[start:end]
        before = len(mentions)
        last = re.findall(r"[A-Z][a-z’'\-]+(?:-[A-Z][a-z]+)?", word)
        for candidate in dict.fromkeys([word, last[-1] if last else word]):
            if candidate in named:
                m = named[candidate]
                mentions.append(Mention(start, end, word, m.actor, m.name, m.kind, min(m.score, 0.8), "surname"))
                break
            if candidate in surnames and len(candidate) >= 4:
                actor = known.actors[surnames[candidate]]
                mentions.append(Mention(start, end, word, actor.slug, actor.name, actor.kind, 0.75, "surname"))
                break
        if len(mentions) > before:
            replaced.add((start, end))
    mentions = [m for m in mentions if not (m.how == "new" and (m.start, m.end) in replaced)]
    return sorted(mentions, key=lambda m: m.start)


def _surnames(known: Known) -> dict[str, str]:
    """The last word of every known person's spellings, when it belongs to one person only."""
    owners: dict[str, set[str]] = {}
    people = {slug for slug, actor in known.actors.items() if actor.kind == PERSON}
    for spelling, slug in known.aliases:
        if slug in people and " " in spelling.strip():
            owners.setdefault(spelling.split()[-1], set()).add(slug)
    return {word: next(iter(slugs)) for word, slugs in owners.items() if len(slugs) == 1}


def _name_words(name: str) -> list[str]:
    """The capitalised words of a name, without brackets and possessives: its initials' words."""
    words = re.findall(r"[\w’'\-&]+", name)
    return [_POSSESSIVE.sub("", w) for w in words if w[:1].isupper()]


def _initials(name: str) -> str:
    return "".join(w[0] for w in _name_words(name)).upper()


def _organisations(known: Known):
    """Known organisations by the initials of each spelling, and by each organisation word in a name."""
    by_initials: dict[str, set[str]] = {}
    by_word: dict[str, set[str]] = {}
    spellings: dict[str, set[str]] = {}
    for spelling, slug in known.aliases:
        if known.actors[slug].kind != ORGANISATION:
            continue
        spellings.setdefault(slug, set()).add(spelling)
        words = _name_words(spelling)
        if len(words) >= 2:
            by_initials.setdefault(_initials(spelling), set()).add(slug)
        for word in words:
            if _generic(word):
                by_word.setdefault(word, set()).add(slug)
    return by_initials, by_word, spellings


def _organisation_variant(text: str, start: int, end: int, known: Known, mentions: list[Mention]):
    """A known organisation named by its acronym, a renamed or respelled name, or its bare organisation word."""
    by_initials, by_word, spellings = known.cached("organisations", lambda: _organisations(known))
    run = text[start:end]
    words = _name_words(run)
    found: set[str] = set()
    owner = _owner_before(text, start, mentions)
    if len(words) == 1 and run.isupper() and 2 <= len(run) <= 8:
        found = set(by_initials.get(run, ()))
        if owner and not found:
            # "France’s MFA": the acronym of the name less the owner ("… of France", "France …").
            o = known.actors[owner.actor].name
            for key in (run + _initials(o), _initials(o) + run):
                found |= {slug for slug in by_initials.get(key, ()) if _contains(spellings[slug], o)}
    elif len(words) >= 3 and any(_generic(w) for w in words):
        for slug in by_initials.get(_initials(run), ()):
            if any(_all_but_one(words, _name_words(sp), known) for sp in spellings[slug]):
                found.add(slug)
    elif len(words) == 1 and _generic(run) and run in by_word:
        # "the Parliament": the one organisation with the word whose name holds a state named in the text.
        states = {m.actor for m in mentions if m.actor and m.kind == STATE}
        if owner:
            states = {owner.actor}
        found = {
            slug
            for slug in by_word[run]
            if any(_contains(spellings[slug], known.actors[state].name) for state in states)
        }
    if len(found) != 1:
        return None
    actor = known.actors[found.pop()]
    return Mention(start, end, run, actor.slug, actor.name, actor.kind, 0.7, "variant")


_OWNER = re.compile(r"(?:’s|'s)\s+")


def _owner_before(text: str, start: int, mentions: list[Mention]) -> Mention | None:
    """The known state named just before, as an owner: "France’s MFA" ("the French MFA" is not one)."""
    for m in mentions:
        if start - 4 <= m.end < start and m.kind == STATE and m.actor and _OWNER.fullmatch(text, m.end, start):
            return m
    return None


def _contains(names, word: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", name) for name in names)


def _all_but_one(words: list[str], other: list[str], known: Known) -> bool:
    """Two names word for word the same (spelling variants allowed) but for one word, which names no state:
    "National Bank of Kenya" is not "National Bank of Ghana"."""
    if len(words) != len(other):
        return False
    differ = [(a, b) for a, b in zip(words, other, strict=True) if a != b and fuzz.ratio(a, b) < 88]
    states = known.cached("state names", lambda: COUNTRIES | {a.name for a in known.actors.values() if a.kind == STATE})
    return len(differ) <= 1 and not any(w in states for pair in differ for w in pair)


def _fuzzy(text: str, start: int, end: int, index, known: Known) -> Mention | None:
    best = None
    for match in re.finditer(r"[A-Z][\w’'\-]{4,}", text[start:end]):
        word = match.group()
        if _generic(word):
            continue
        choices = {}
        for length in range(len(word) - 2, len(word) + 3):
            choices.update(index.get((word[:2].lower(), length), {}))
        choices.pop(word, None)  # the same word is no spelling variant (a surname alone is handled apart)
        if not choices:
            continue
        found = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=88)
        if found and (best is None or found[1] > best[0]):
            best = (found[1], choices[found[0]])
    if best is None:
        return None
    actor = known.actors[best[1]]
    return Mention(start, end, text[start:end], actor.slug, actor.name, actor.kind, best[0] / 100 * 0.8, "fuzzy")


def _new_name(text: str, start: int, end: int, run: str, titled: bool) -> Mention | None:
    words = run.split()
    if run in COUNTRIES:
        return Mention(start, end, run, None, run, STATE, 0.7, "new")
    if any(w.strip(",.") in ORGANISATION_WORDS for w in words):
        if len(words) == 1 and words[0] in ORGANISATION_WORDS:
            return None
        return Mention(start, end, run, None, run, ORGANISATION, 0.6, "new")
    before = text[max(0, start - 80) : start]
    titled = titled or bool(_TITLE_BEFORE.search(before)) or bool(_TITLE_AFTER.match(text, end))
    capitalised = [w for w in words if w[:1].isupper()]
    if titled and 1 <= len(capitalised) <= 5:
        return Mention(start, end, run, None, run, PERSON, 0.75, "new")
    if (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w in NOT_NAMES for w in words)
        and not _headline(text, start)
    ):
        return Mention(start, end, run, None, run, PERSON, 0.4, "new")
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6:
        # An acronym (OSCE, CICA) is most often an organisation.
        return Mention(start, end, run, None, run, ORGANISATION, 0.35, "new")
    return None


def _headline(text: str, offset: int) -> bool:
    """Whether the line at `offset` is set in title case, as headlines are (every word capitalised)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    words = re.findall(r"[A-Za-z][\w’'-]*", text[start : len(text) if end == -1 else end])
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "with", "at", "by", "as", "is"}
    content = [w for w in words if w not in small]
    return len(content) >= 3 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def as_proposals(mentions: list[Mention]):
    from . import Proposal

    return [
        Proposal(
            "actor",
            m.start,
            m.end,
            m.score,
            {"actor": m.actor, "name": m.name, "kind": m.kind},
        )
        for m in mentions
    ]

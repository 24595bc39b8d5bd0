"""Is a mention asserted, current and about the patient? Clause segmentation and NegEx-style
context (pure): negation before the match, resolution after it, history / hypothetical / reading
context, and who is experiencing it (see the package docstring)."""

from __future__ import annotations

import bisect
import re

_BOUNDARY = re.compile(  # runs on the lower-cased text
    # (the look-behinds follow the first character, so re can scan quickly for it)
    r"[.!?](?<!\bdr.)(?<!\bmr.)(?<!\bms.)(?<!\bmrs.)(?<!\bst.)(?<!\bvs.)(?<!\bpt.)[.!?]*(?=\s|$)"
    r"|[;\n]|\s(?:but|however|although|though|whereas|except)\b"
)

# All context patterns below run on the lower-cased text.


def _word_pattern(source: str) -> re.Pattern:
    """A pattern whose matches start at a word: compiled behind ``[^\\w]`` for speed (as the
    rule patterns, see matcher.WordIndex) and run with :func:`_word_matches`."""
    return re.compile(r"[^\w](?:" + source + ")")


def _word_matches(pattern: re.Pattern, text: str):
    """(start, end, match) of each match of a ``_word_pattern`` in ``text``, offsets into ``text``."""
    for m in pattern.finditer(" " + text):
        yield m.start(), m.end() - 1, m


# Ends a negation/experiencer scope inside a clause: a conjunction or a new first-person subject.
_TERM = (
    r"\b(?:but|however|although|though|yet|except|aside\s+from|apart\s+from|other\s+than|besides|"
    r"because|bc|b/c|cause|since|due\s+to|and\s+now|now|then|which|who|whereas|while|still|"
    r"endorses|endorsing|endorsed|reports|reporting|admits|admitted|c/o|complains|complaining|positive\s+for|"
    r"i|i'm|im|i've|ive|i'd|i'll|me)\b"
)
_TERM_RE = _word_pattern(_TERM)
# Ends a history/hypothetical scope: like _TERM but a bare "I" does not ("if I have chest pain").
_CTX_TERM = (
    r"\b(?:but|however|although|though|yet|except|because|bc|b/c|cause|due\s+to|now|which|whereas|"
    r"new|acute|acutely|sudden|suddenly|today|tonight|this\s+morning|currently|presents\s+with|here\s+for|"
    r"(?:and|,)\s+(?:(?:now|today|tonight|yesterday)\s+)?(?:i|i'm|im|i've|he|she|they|he's|she's|now|today|tonight|this\s+morning|yesterday))\b"
)
_CTX_TERM_RE = re.compile(_CTX_TERM)

# "don't", "cant", "hasnt" ... (but not the "nt" of "pregnant" or "urgent").
NT_WORD = (
    r"\b(?:(?:do|does|did|ca|could|would|should|wo|is|are|was|were|has|have|had|ai|need|must|might|sha)n't|"
    r"dont|doesnt|didnt|cant|wont|isnt|wasnt|havent|hasnt|hadnt|couldnt|wouldnt|shouldnt|arent|werent|aint)\b"
)
# Negation triggers. Group "near" triggers only count immediately before the match.
_NEG = _word_pattern(
    r"\b(?:no|never|none|nor|neither|without|w/o|denies|denied|deny|denying|negative\s+for|neg\s+for|"
    r"free\s+of|absence\s+of|ruled\s+out|no\s+longer|no\s+more|no\s+sign\s+of|no\s+signs\s+of|no\s+evidence\s+of)\b"
    r"|(?:\bnot|\bnever|" + NT_WORD + r")(?:\s+(?:really|even|actually|currently|recently|ever|been|yet|had|have|"
    r"got|always|usually|typically|seem\s+to|think\s+(?:i|he|she)|believe\s+(?:i|he|she)|(?:i|he|she|they)\s+\w+)){0,2}\s+(?:have|has|had|having|feel|feels|feeling|felt|"
    r"experience|experienced|experiencing|notice|noticed|noticing|see|seen|think|believe|been|any|complain\w*|"
    r"thinking|planning|intending|intend|want|wanting|going|gonna|"
    r"report\w*|show\w*|develop\w*|suffer\w*|with)\b"
    r"|(?P<near>\bnot\b|" + NT_WORD + ")",
)
_NEG_WINDOW = 6  # words between a trigger and the match
# A negated list ("No saddle numbness, bladder or bowel change, fever, history of cancer or weight
# loss"): up to this many words when what lies between is list items (commas, "or", "and", "nor").
_NEG_LIST_WINDOW = 24
_LIST_SEP = re.compile(r",|\b(?:or|nor|and)\b|/")
_NOT_A_LIST = re.compile(r"\b(?:is|are|was|were|has|have|had|but|now|then|started|developed|since|which|who)\b")
# Look like negations but are not ("no improvement", "not sure if", "can't tell if").
_PSEUDO = _word_pattern(
    r"(?:\bno\s+(?:worries|rush|hurry|problem\s+(?:with\s+)?(?:the\s+)?(?:appt|appointment|visit)|doubt|idea|clue|change|"
    r"improvement|better|relief|matter|sleep|appetite|energy|way)\b"
    r"|\bnot\s+(?:sure|certain|only|just|improving|improved|better|getting\s+better|going\s+away|gone|stopping|"
    r"helping|working|normal|right|good|great|okay|ok)\b"
    r"|"
    + NT_WORD
    + r"\s+(?:know|sure|tell|help|helped|helping|stop|go\s+away|gone\s+away|get\s+better|improve|improved|work|"
    r"worked|seem\s+to\s+help|understand|wait|care)\b"
    r"|\b(?:sure|wondering|wonder|know|unsure|ask\w*|see|check\w*|curious|tell|determine)\s+(?:if|whether)\b)"
    r"(?:\s+(?:if|whether)\b)?",
)
# Resolution after the match ("chest pain is gone", "... resolved").
_RESOLVED = re.compile(
    r"^\W*(?P<between>(?:[\w']+\W+){0,4}?)(?:gone|resolved|resolving|went\s+away|go\s+away|gone\s+away|subsided|"
    r"cleared\s+up|disappeared|stopped|ruled\s+out|denied|fine\s+now|all\s+better)\b"
    r"|^\s*[:\-=]+\s*(?:no|none|denies|denied|neg|negative|absent|0)\b"
    # a clinician's finding reported absent: "meningism is absent", "Kernig sign negative"
    r"|^\s*(?:signs?\s+|sign\s+is\s+)?(?:is|are|was|were)?\s*(?:absent|negative|not\s+present|not\s+elicited|not\s+seen|not\s+found)\b"
    r"|^\s*\?\s*(?:no|none)\b",
)
_RESOLVED_NEXT = re.compile(
    r"^\s*,?\s*(?:but|however)\s+(?:it|that|this|they|those|the\s+pain|now\s+it)\s*(?:'s|s|is|has|have|was|had|went|did)?\s*"
    r"(?:been\s+|now\s+|since\s+|completely\s+|totally\s+|all\s+)?(?:gone|resolved|went\s+away|go\s+away|gone\s+away|"
    r"subsided|fine|ok|okay|stopped|cleared\s+up|better\s+now|passed)\b",
)
_NOT_BETWEEN = re.compile(r"\b(?:not|never|still)\b|" + NT_WORD)

# History, family history, hypotheticals, reading about it.
_CTX_PRE = _word_pattern(
    r"\b(?:history\s+of|hx\s+of|h/o|hx|pmh|pmhx|family\s+history|fam(?:ily)?\s+hx|fhx|fh\s+of|"
    r"died\s+(?:of|from)|passed\s+away\s+(?:of|from)|passed\s+(?:of|from)|death\s+from|lost\s+(?:him|her|them)\s+to|"
    r"used\s+to|previous|previously|prior|an\s+old|past\s+(?:medical\s+)?history|in\s+the\s+past|"
    r"read(?:ing)?\s+(?:about|that|an\s+article|a\s+post|online)|article\s+(?:about|on)|heard\s+about|"
    r"learn(?:ing|ed)?\s+about|researching|googled|googling|looked\s+up|watch(?:ing)?\s+(?:out\s+)?for|"
    r"look(?:ing)?\s+out\s+for|signs\s+of|symptoms\s+of|warning\s+signs|risk\s+(?:of|for)|chance\s+of|"
    r"prevent\w*|to\s+avoid|in\s+case|if|what\s+if|whenever|scared\s+of\s+(?:getting|having)|"
    r"afraid\s+of\s+(?:getting|having)|worried\s+about\s+(?:getting|having)|screen(?:ing|ed)?\s+for|"
    r"tested\s+for|evaluated\s+for|work[\s-]?up\s+for|follow[\s-]?up\s+(?:for|on|of|from|after)|f/u)\b",
)
_CTX_WINDOW = 6
_CTX_POST = re.compile(
    r"^\W*(?:[\w']+\W+)?(?:med|meds|medication|medications|medicine|prescriptions?|refills?(?<!capillary\srefill)(?<!capillary\srefills)(?<!cap\srefill)|rx|pills?|tablets?|"
    r"disorder|history|hx|risk|risks|prevention(?!\s+(?:hot)?line|\s+number)|precautions|screening|clinic|"
    r"specialist|neurologist|cardiologist|appointment|appt|follow[\s-]?up|f/u|class|education|work[\s-]?up|"
    r"protocol|action\s+plan|survivor|support\s+group|insurance|claim|paperwork|form|study|awareness)\b"
    r"|^\W*(?:[\w']+\W+){0,5}?(?:years?\s+ago|yrs?\s+ago|months\s+ago|decades?\s+ago|long\s+time\s+ago|last\s+year|"
    r"as\s+a\s+(?:child|kid|teen|teenager|baby|toddler)|when\s+(?:i|he|she)\s+was\s+(?:a\s+)?(?:kid|child|little|young|"
    r"teen|teenager|baby|\d+)|in\s+(?:19|20)\d\d|back\s+in|in\s+the\s+past|years\s+back|runs\s+in\s+(?:the|my|our)\s+family|"
    r"at\s+(?:the\s+)?age\s+(?:of\s+)?\d+|at\s+\d{2}\b(?!\s*(?:%|am|pm|bpm|mg|/|:|o'?clock|degrees|°|weeks?))|in\s+(?:my|his|her)\s+(?:teens|twenties|thirties|forties|fifties|\d0s))\b",
)

# The nearest person mentioned before a match decides who is experiencing it.
_EXPERIENCER = _word_pattern(
    r"\b(?P<other>friends?|coworkers?|co-workers?|colleagues?|boss|neighbou?rs?|roommates?|classmates?|cousins?|"
    r"aunts?|uncles?|nieces?|nephews?|brothers?|sisters?|siblings?|"
    r"in-laws?|someone|somebody|a\s+(?:guy|lady|person)|people|celebrity|character)\b"
    # someone else's child or partner: "my friend's baby", "my sister's husband"
    r"(?:(?:'s|s')\s+(?:\w+\s+)?(?:son|daughter|child|kid|baby|infant|newborn|toddler|husband|wife|partner|mom|dad|mother|father)\b)?"
    r"|\b(?P<self>i|i'm|im|i've|ive|i'd|me|myself|pt|patient|son|daughter|child|kid|baby|infant|newborn|toddler|"
    r"husband|wife|spouse|partner|boyfriend|girlfriend|mom|mother|mum|dad|father|parent|grandma|grandpa|"
    r"grandmother|grandfather|granny|nana|papa)\b",
)

_WORD = re.compile(r"[\w']+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


class Doc:
    """The normalised text, its lower-cased twin and lazily computed clause boundaries."""

    __slots__ = ("original", "text", "lower", "_starts", "_ends")

    def __init__(self, text: str) -> None:
        self.original = text  # as sent: the spans shown to people are cut from it
        self.text = text.translate(_QUOTES)  # same length as the original
        lower = self.text.lower()
        if len(lower) != len(self.text):  # a few characters lower-case to two; keep offsets
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)
        self.lower = lower
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def clause(self, start: int, end: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts, self._ends = [], []
            for m in _BOUNDARY.finditer(self.lower):
                self._starts.append(m.start())
                self._ends.append(m.end())
        i = bisect.bisect_right(self._ends, start) - 1
        clause_start = self._ends[i] if i >= 0 else 0
        j = bisect.bisect_left(self._starts, end)
        clause_end = self._starts[j] if j < len(self._starts) else len(self.text)
        return clause_start, clause_end


def _after_last(window: str, terminator: re.Pattern) -> str:
    """The part of ``window`` after the last terminator."""
    cut = 0
    if terminator is _CTX_TERM_RE:
        for m in terminator.finditer(window):
            cut = m.end()
    else:
        for _start, cut, _m in _word_matches(terminator, window):  # noqa: B007 - the last one
            pass
    return window[cut:]


def _last_trigger(window: str, trigger: re.Pattern) -> tuple[int, int, re.Match] | None:
    """The last match of a ``_word_pattern`` trigger in ``window`` that is not part of a pseudo-trigger."""
    pseudo = [(a, b) for a, b, _m in _word_matches(_PSEUDO, window)]
    last = None
    for start, end, m in _word_matches(trigger, window):
        if not any(a < end and start < b for a, b in pseudo):
            last = (start, end, m)
    return last


def _negated(pre: str, post: str, next_clause: str, resolvable: bool) -> bool:
    scope = _after_last(pre, _TERM_RE)
    trigger = _last_trigger(scope, _NEG)
    if trigger is not None:
        _start, end, m = trigger
        distance = len(_WORD.findall(scope[end:]))
        if distance <= (1 if m.group("near") else _NEG_WINDOW):
            return True
        between = scope[end:]
        if (
            not m.group("near")
            and distance <= _NEG_LIST_WINDOW
            and _LIST_SEP.search(between)
            and not _NOT_A_LIST.search(between)
        ):
            return True
    if not resolvable:
        return False
    resolved = _RESOLVED.match(post)
    if resolved and not _NOT_BETWEEN.search(resolved.group("between") or ""):
        return True
    return bool(next_clause) and _RESOLVED_NEXT.match(next_clause) is not None


def _in_context(pre: str, post: str) -> bool:
    scope = _after_last(pre, _CTX_TERM_RE)
    trigger = _last_trigger(scope, _CTX_PRE)
    if trigger is not None and len(_WORD.findall(scope[trigger[1] :])) <= _CTX_WINDOW:
        return True
    return _CTX_POST.match(post) is not None


def _other_experiencer(pre: str) -> bool:
    last = None
    for _start, _end, last in _word_matches(_EXPERIENCER, pre):  # noqa: B007 - we want the last one
        pass
    return last is not None and last.group("other") is not None


def affirmed(doc: Doc, start: int, end: int, resolvable: bool = True) -> bool:
    """True when the mention at [start, end) is asserted, current and about the patient."""
    clause_start, clause_end = doc.clause(start, end)
    text = doc.lower
    pre, post = text[clause_start:start], text[end:clause_end]
    next_clause = text[clause_end : clause_end + 60]
    return not (_negated(pre, post, next_clause, resolvable) or _in_context(pre, post) or _other_experiencer(pre))


def _span(m: re.Match) -> tuple[int, int]:
    """The span of a companion match: its ``hit`` group if any, else the whole match."""
    if "hit" in m.re.groupindex and m.group("hit") is not None:
        return m.span("hit")
    return m.span()


def first_affirmed(doc: Doc, pattern: re.Pattern, check, resolvable: bool = True) -> re.Match | None:
    for m in pattern.finditer(doc.text):
        if m.end() > m.start() and (check is None or check(m)) and affirmed(doc, *_span(m), resolvable):
            return m
    return None

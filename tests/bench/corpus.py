"""A generated library for the search benchmark: ~1,000 books, ~200 MB of Markdown, English and Chinese.

Everything is made here from fixed seeds, so every run searches the very same bytes: English from
a fixed vocabulary (a few hundred common words we listed, then syllable-built words for the long
tail a real library has), each drawn with Zipf's law (the word of rank r about 1/r as often as the
commonest), and Chinese sentences from a fixed set of 3,500 characters (the first code points of
the CJK Unified Ideographs block), drawn the same way. A book becomes a BookDraft directly, one
passage a paragraph, the way ingest makes one from plain paragraphs: parsing 200 MB of Markdown
would add minutes and change nothing the search index sees. Generating and saving the library
takes minutes, so it is kept in artifacts/bench/search/, under a name that changes with
GENERATOR_VERSION, the scale and the schema's migration head.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from app.ingest import PAGE_WORD_BUDGET
from app.ingest.counting import count_words, reading_minutes
from app.ingest.draft import BlockDraft, BookDraft, ChapterDraft, PageDraft
from tests.bench.books import _SYLLABLES

# Bump when the generated text changes: the cached library is then made again.
GENERATOR_VERSION = 1

_COMMON_WORDS = """the of and to a in is it you that he was for on are with as his they be at one have this
from or had by word but what some we can out other were all there when up use your how said an each
she which do their time if will way about many then them write would like so these her long make
thing see him two has look more day could go come did number sound no most people my over know water
than call first who may down side been now find any new work part take get place made live where after
back little only round man year came show every good me give our under name very through just form
sentence great think say help low line differ turn cause much mean before move right boy old too same
tell does set three want air well also play small end put home read hand port large spell add even
land here must big high such follow act why ask men change went light kind off need house picture try
us again animal point mother world near build self earth father head stand own page should country
found answer school grow study still learn plant cover food sun four between state keep eye never last
let thought city tree cross farm hard start might story saw far sea draw left late run while press
close night real life few north open seem together next white children begin got walk example ease
paper group always music those both mark often letter until mile river car feet care second book carry
took science eat room friend began idea fish mountain stop once base hear horse cut sure watch colour
face wood main enough plain girl usual young ready above ever red list though feel talk bird soon body
dog family direct pose leave song measure door product black short numeral class wind question happen
complete ship area half rock order fire south problem piece told knew pass since top whole king space
heard best hour better true during hundred five remember step early hold west ground interest reach
fast verb sing listen six table travel less morning ten simple several vowel toward war lay against
pattern slow centre love person money serve appear road map rain rule govern pull cold notice voice
unit power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field
rest correct able pound done beauty drive stood contain front teach week final gave green oh quick
develop ocean warm free minute strong special mind behind clear tail produce fact street inch multiply
nothing course stay wheel full force blue object decide surface deep moon island foot system busy test
record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape equate
hot miss brought heat snow tire bring yes distant fill east paint language among"""
_COMMON = _COMMON_WORDS.split()
# The long tail: syllable-built words, as many as a large real library has distinct words.
_TAIL_WORDS = 40_000
_CJK_CHARACTERS = 3_500


def _vocabulary() -> list[str]:
    words = list(dict.fromkeys(_COMMON))
    rng = random.Random(11)
    known = set(words)
    while len(words) < len(_COMMON) + _TAIL_WORDS:
        word = "".join(rng.choices(_SYLLABLES, k=rng.choice((2, 2, 3, 3, 3, 4))))
        if word not in known:
            known.add(word)
            words.append(word)
    return words


def _zipf(count: int) -> list[float]:
    """Cumulative weights for random.choices: rank r drawn about 1/r as often as rank 1."""
    return list(itertools.accumulate(1 / rank for rank in range(1, count + 1)))


VOCABULARY = _vocabulary()
CHARACTERS = [chr(0x4E00 + n) for n in range(_CJK_CHARACTERS)]
_WORD_WEIGHTS = _zipf(len(VOCABULARY))
_CHARACTER_WEIGHTS = _zipf(len(CHARACTERS))


@dataclass(frozen=True, slots=True)
class Corpus:
    """How much to generate: `books` books of about `book_bytes` bytes of Markdown each."""

    books: int
    book_bytes: int
    chapters: int = 10

    def key(self) -> str:
        return f"v{GENERATOR_VERSION}-{self.books}x{self.book_bytes}"


FULL = Corpus(books=1000, book_bytes=200_000)
QUICK = Corpus(books=40, book_bytes=50_000)


def is_chinese(number: int) -> bool:
    """Every fourth book is in Chinese."""
    return number % 4 == 3


def book_markdown(number: int, corpus: Corpus) -> tuple[str, list[list[str]]]:
    """Book `number`'s Markdown, and its chapters as lists of paragraphs (each one passage)."""
    rng = random.Random(1_000_003 * GENERATOR_VERSION + number)
    chinese = is_chinese(number)
    paragraph = _chinese_paragraph if chinese else _english_paragraph
    title = f"第{number}卷" if chinese else f"Volume {number}"
    parts, chapters = [f"# {title}\n"], []
    budget = corpus.book_bytes // corpus.chapters
    for chapter in range(1, corpus.chapters + 1):
        heading = f"## 第{chapter}章" if chinese else f"## Chapter {chapter}"
        parts.append(heading + "\n")
        paragraphs, size = [], 0
        while size < budget:
            text = paragraph(rng)
            paragraphs.append(text)
            size += len(text.encode()) + 2
        parts += [text + "\n" for text in paragraphs]
        chapters.append(paragraphs)
    return "\n".join(parts), chapters


def _english_paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 7)):
        words = rng.choices(VOCABULARY, cum_weights=_WORD_WEIGHTS, k=rng.randint(6, 20))
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def _chinese_paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 7)):
        clauses = [
            "".join(rng.choices(CHARACTERS, cum_weights=_CHARACTER_WEIGHTS, k=rng.randint(4, 12)))
            for _ in range(rng.randint(1, 3))
        ]
        sentences.append("，".join(clauses) + "。")
    return "".join(sentences)


def drafts(corpus: Corpus, numbers: range) -> Iterator[tuple[BookDraft, str]]:
    """Each book as the library stores it, with its Markdown (whose bytes are what `text bytes` counts)."""
    for number in numbers:
        markdown, chapters = book_markdown(number, corpus)
        title = markdown.split("\n", 1)[0].removeprefix("# ")
        made = tuple(_chapter(number, n, paragraphs) for n, paragraphs in enumerate(chapters, 1))
        yield (
            BookDraft(
                slug=f"search-{number:04d}",
                title=title,
                author=None,
                language="zh" if is_chinese(number) else "en",
                description=None,
                chapters=made,
                source_hash=hashlib.sha256(markdown.encode()).hexdigest(),
            ),
            markdown,
        )


def _chapter(book: int, number: int, paragraphs: list[str]) -> ChapterDraft:
    """Pages cut at paragraph boundaries every PAGE_WORD_BUDGET words, as ingest cuts them."""
    pages, blocks, words = [], [], 0
    for index, text in enumerate(paragraphs):
        blocks.append(BlockDraft(anchor=f"p-{book}-{number}-{index}", text=text))
        words += count_words(text)
        if words >= PAGE_WORD_BUDGET or index == len(paragraphs) - 1:
            pages.append(
                PageDraft(
                    html="".join(f'<p id="{b.anchor}">{html.escape(b.text)}</p>' for b in blocks),
                    markdown="\n\n".join(b.text for b in blocks),
                    words=words,
                    blocks=tuple(blocks),
                )
            )
            blocks, words = [], 0
    text = "\n\n".join(paragraphs)
    return ChapterDraft(
        title=f"Chapter {number}",
        words=sum(page.words for page in pages),
        minutes=reading_minutes(text),
        pages=tuple(pages),
    )


def queries(corpus: Corpus, per_kind: int, seed: int = 5) -> dict[str, list[str]]:
    """Distinct queries of each kind, all from the generated text's own words and characters.

    Single words are drawn with every decade of frequency rank equally likely (log-uniform over
    the vocabulary), so the commonest words, which match most passages, are in the mix as often
    as rare ones are. Phrases are two adjacent words of a generated paragraph, in quotes; Chinese
    queries are two adjacent characters of one.
    """
    rng = random.Random(seed)

    # Phrases and character pairs come from a sample of the books: generating a book takes a while.
    def sample(numbers: range, count: int) -> list[list[list[str]]]:
        return [book_markdown(n, corpus)[1] for n in rng.sample(numbers, min(count, len(numbers)))]

    english, chinese = sample(range(0, corpus.books, 4), 12), sample(range(3, corpus.books, 4), 6)

    def word() -> str:
        rank = int(len(VOCABULARY) ** rng.random())  # 1 … len(VOCABULARY), log-uniform
        return VOCABULARY[rank - 1]

    def paragraph_of(books: list[list[list[str]]]) -> str:
        return rng.choice(rng.choice(rng.choice(books)))

    def phrase() -> str:
        words = paragraph_of(english).rstrip(".").lower().replace(".", "").split()
        at = rng.randrange(len(words) - 1)
        return f'"{words[at]} {words[at + 1]}"'

    def bigram() -> str:
        text = paragraph_of(chinese)
        while True:
            at = rng.randrange(len(text) - 1)
            pair = text[at : at + 2]
            if "，" not in pair and "。" not in pair:
                return pair

    made: dict[str, list[str]] = {}
    for kind, make in {
        "one word": word,
        "two words": lambda: f"{word()} {word()}",
        "phrase": phrase,
        "two Chinese characters": bigram,
    }.items():
        chosen: dict[str, None] = {}
        while len(chosen) < per_kind:
            chosen[make()] = None
        made[kind] = list(chosen)
    return made

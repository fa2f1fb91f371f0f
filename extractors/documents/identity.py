"""Document identity from the title pages: what kind of plan or report, whose, where, which years."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

from extractors.codes import normalise_region_name
from extractors.documents.model import Document
from extractors.facts import DocumentIdentity

_DOC_TYPES = (
    ("lkip", re.compile(
        r"\b(lkj?ip|lakip|laporan\s+kinerja(\s+instansi\s+pemerintah)?|laporan\s+akuntabilitas)\b", re.I)),
    ("renstra", re.compile(r"\b(renstra|rencana\s+strategis)\b", re.I)),
    ("renja", re.compile(r"\b(renja|rencana\s+kerja)\b(?!\s+(anggaran|pemerintah))", re.I)),
)
# What a document is, as DocumentIdentity.doc_type says it (exported to dbt as the var doc_types).
DOC_TYPES: tuple[str, ...] = tuple(kind for kind, _ in _DOC_TYPES)
_REGION = re.compile(r"\b(provinsi|prov\.|kota|kabupaten|kab\.)\s+([a-z]+)(?:\s+([a-z]+))?", re.I)
# Words that end a region name in running text (covers upper-case titles where case cannot help).
_NOT_NAME = {
    "tahun", "nomor", "no", "dan", "yang", "telp", "tentang", "jln", "jl", "website", "e", "periode",
    "badan", "pemerintah", "kepala", "bkpsdm", "bkd", "serta", "di", "ke", "pada", "untuk", "dalam",
    "sebagai", "adalah", "merupakan", "dengan", "oleh", "telah", "terhadap", "perubahan", "rencana",
    "laporan", "secara", "ini", "itu", "agar", "bidang", "dari", "sampai", "se", "sebanyak", "dapat",
    "lkip", "renstra", "renja", "selama", "guna", "baru", "yaitu", "kepegawaian", "sesuai",
    "kota", "kabupaten", "provinsi", "kab", "prov", "tabel", "table", "gambar", "grafik", "bab", "lampiran",
}
_COMPASS = {"barat", "timur", "utara", "selatan", "tengah", "laut", "raya"}
_AGENCY = re.compile(
    r"\b((?:badan|dinas|sekretariat|inspektorat|biro)\s+(?:[a-z]+\s+){0,8}?)"
    r"(?=(?:\(\w+\)\s+)?(?:provinsi|kota|kabupaten)\b)",
    re.I,
)
_ABBREVIATIONS = {
    "BKPSDM": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "BKPSDMD": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah",
    "BKD": "Badan Kepegawaian Daerah",
    "BKPP": "Badan Kepegawaian, Pendidikan dan Pelatihan",
    "BKPPD": "Badan Kepegawaian, Pendidikan dan Pelatihan Daerah",
    "BPSDM": "Badan Pengembangan Sumber Daya Manusia",
    "BKDPSDM": "Badan Kepegawaian Daerah dan Pengembangan Sumber Daya Manusia",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")\b")
_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b(20\d{2})\b")
_SMALL = {"dan", "dan/atau", "atau", "serta", "di", "ke", "pada"}


def _title_case(words: str) -> str:
    out = []
    for i, w in enumerate(words.split()):
        low = w.lower()
        out.append(low if i and low in _SMALL else (w if w.isupper() and len(w) <= 6 and low.startswith("bk")
                                                   else low.capitalize()))
    return " ".join(out)


def _region(full_text: str) -> str | None:
    counts: Counter[tuple[str, str]] = Counter()
    pairs: Counter[tuple[str, str, str]] = Counter()
    for m in _REGION.finditer(full_text):
        kw = m.group(1).lower().rstrip(".")
        kw = {"prov": "provinsi", "kab": "kabupaten"}.get(kw, kw)
        w1 = m.group(2).lower()
        if w1 in _NOT_NAME or len(w1) < 3:
            continue
        counts[(kw, w1)] += 1
        if m.group(3) and m.group(3).lower() not in _NOT_NAME:
            pairs[(kw, w1, m.group(3).lower())] += 1
    if not counts:
        return None
    # A city or regency outranks the province it lies in when the document mentions both.
    best = max(counts.items(), key=lambda kv: (kv[1] * (1.5 if kv[0][0] != "provinsi" else 1.0)))[0]
    name = best[1]
    second = [(k, n) for k, n in pairs.items() if k[:2] == best]
    if second:
        k, n = max(second, key=lambda kv: kv[1])
        # Two-word names (Tangerang Selatan, Bandung Barat) are printed whole nearly every time.
        if (n >= 0.8 * counts[best] and n >= 2) or k[2] in _COMPASS:
            name = f"{name} {k[2]}"
    # The canonical spelling the seed, the SIMPEG loader and the marts join on (`Provinsi DKI Jakarta`).
    return normalise_region_name(f"{best[0]} {name}")


def _agency(title_text: str, full_text: str, region: str | None) -> str | None:
    counts: Counter[str] = Counter()
    for text, weight in ((title_text, 3), (full_text[:200_000], 1)):
        for m in _AGENCY.finditer(text):
            name = " ".join(m.group(1).split()).lower()
            name = re.sub(r"\s+(di|pada|dan)$", "", name)
            if len(name.split()) >= 2:
                counts[name] += weight
    if not counts:
        # Only the abbreviation on the cover ("LKjIP BKPSDM Kabupaten Bogor"): spell it out.
        m = _ABBREVIATION.search(title_text)
        if not m:
            return None
        name = _ABBREVIATIONS[m.group(1).upper()]
        return f"{name} {region}" if region else name
    # Prefer the longest common spelling: "badan kepegawaian daerah" over "badan".
    top = counts.most_common(8)
    best_n = top[0][1]
    name = max((n for n, c in top if c >= 0.3 * best_n), key=lambda n: (len(n.split()), counts[n]))
    agency = _title_case(name)
    return f"{agency} {region}" if region else agency


def _doc_type(title_text: str) -> str | None:
    found = []
    for kind, pattern in _DOC_TYPES:
        m = pattern.search(title_text)
        if m:
            found.append((m.start(), kind))
    return min(found)[1] if found else None


def _period(title_text: str, full_text: str, doc_type: str | None) -> tuple[int | None, int | None]:
    if doc_type in {"renstra", None}:
        for m in _RANGE.finditer(title_text):
            start, end = int(m.group(1)), int(m.group(2))
            # A strategic plan covers at most five years; longer spans are RPJPD/RPJMD context.
            if 0 < end - start <= 4:
                return start, end
        ranges = Counter(
            (int(a), int(b)) for a, b in _RANGE.findall(full_text) if 0 < int(b) - int(a) <= 4
        )
        if ranges and doc_type == "renstra":
            return ranges.most_common(1)[0][0]
    m = re.search(r"\b(?:lkj?ip|lakip|laporan\s+kinerja[a-z ]{0,40}?|renja|rencana\s+kerja[a-z ]{0,40}?)"
                  r"\s*(?:tahun\s*(?:anggaran\s*)?)?(20\d{2})\b", title_text, re.I)
    if m:
        year = int(m.group(1))
        return year, year
    years = Counter(int(y) for y in _YEAR.findall(title_text))
    if years:
        year = years.most_common(1)[0][0]
        return year, year
    return None, None


_PLACE_DATE = re.compile(
    r"\b[A-Z][a-zA-Z]+,\s*(?:\d{1,2}\s+[A-Za-z]+\s+)?((?:19|20)\d{2})\b"
)


_DECREE = re.compile(r"\bnomor\s*:?\s*[\w. ]*(?:/\s*[\w. ]+)*/\s*((?:19|20)\d{2})\b", re.I)


def published_year(document: Document) -> int | None:
    """The year printed with the place on the title page or under the foreword ("Serang, 2021")."""
    lines = document.text(max_pages=4).split("\n")[:400]
    for line in lines:
        m = _PLACE_DATE.search(line)
        if m and len(line) < 80:
            return int(m.group(1))
    # A decree adopting the plan: "NOMOR : 800 / KEP. 171 / BKPSDM / 2021".
    for line in lines[:80]:
        m = _DECREE.search(line)
        if m:
            return int(m.group(1))
    return None


# --- document key: one report, whatever its rendering or file name ---------------------------------------

_KEY_WORD = re.compile(r"[a-z]{6,}")
_SKETCH_SIZE = 5  # tokens kept in the sketch; fewer is less fragile, more is less likely to collide


def _fold_text(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    # A word hyphenated across a line in one rendering is whole in the other.
    return re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "", folded)


def content_tokens(document: Document) -> set[str]:
    """Distinct long words of a document, spelled the same whatever the rendering.

    A PDF and its text rendering share their words but not their layout: reading order, line breaks, table
    ruling, running headers and page numbers differ. A set forgets order and repetition (a header on every
    page counts once); words are compared without accents or case. Inside narrow table cells a PDF wraps
    words mid-word (`admini` / `strasi`), each rendering differently: a token found inside a longer token
    of the same document is such a piece (or a word the longer one contains anyway) and is left out.
    Numbers are left out too: long amounts wrap the same way, and their spellings vary more than words.
    Short words (articles, list items, page furniture) are left out.
    """
    words = set(_KEY_WORD.findall(_fold_text(document.text())))
    haystack = "\x00" + "\x00".join(sorted(words)) + "\x00"
    return {w for w in words if haystack.count(w) == 1}


def content_fingerprint(document: Document) -> str:
    """A bottom-k sketch of the document's content tokens: the same for a PDF and its text rendering.

    Of all distinct tokens, the few whose hash is smallest stand for the whole set; the renderings agree
    on them unless a token one of them lacks happens to hash among the smallest (a few percent at most
    for a real report, where a handful of header/footer tokens sit among thousands).
    """
    hashes = sorted(hashlib.blake2b(t.encode(), digest_size=8).hexdigest() for t in content_tokens(document))
    return hashlib.blake2b("".join(hashes[:_SKETCH_SIZE]).encode(), digest_size=8).hexdigest()


def _slug(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-") or "unknown"


def document_key(document: Document, identity: DocumentIdentity) -> str:
    """`lkip:badan-kepegawaian-daerah-provinsi-banten:2024-2024:3f9a…`: kind, agency, period, content.

    Readable parts first, so an analyst sees what the key stands for; the fingerprint tells two reports of
    one agency and year apart (a Renja and its revision) and joins two renderings of one report.
    """
    period = f"{identity.period_start or ''}-{identity.period_end or ''}"
    return f"{identity.doc_type or 'unknown'}:{_slug(identity.agency or identity.region)}:{period}:" \
           f"{content_fingerprint(document)}"


def identify(document: Document) -> DocumentIdentity:
    title_text = " ".join(document.text(max_pages=3).split("\n")[:150]) if document.kind == "pdf" else \
        " ".join(document.text().split("\n")[:150])
    title_text = " ".join(title_text.split())
    full_text = " ".join(document.text().split())
    doc_type = _doc_type(title_text[:6000])
    region = _region(full_text)
    agency = _agency(title_text[:6000], full_text, region)
    start, end = _period(title_text[:6000], full_text, doc_type)
    identity = DocumentIdentity(
        source=document.source, doc_type=doc_type, agency=agency, region=region,
        period_start=start, period_end=end,
    )
    identity.document_key = document_key(document, identity)
    return identity

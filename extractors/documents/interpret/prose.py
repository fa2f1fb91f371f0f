"""Counts stated in sentences → `asn_headcount` facts, only where the sentence says what they count.

"kelompok jabatan struktural berjumlah 485 orang", "total ASN per Juni 2025 tercatat sebanyak 6.458 orang,
yang terdiri atas 5.111 PNS dan 1.347 PPPK", "diikuti lulusan diploma (720 orang)". A sentence is cut into
clauses (at commas, semicolons and the conjunctions that join enumerations); a count is a number followed by
a head-count word (`orang`, `pegawai`, `PNS`, …), never a bare number, so birth years ("lahir 1977–1994"),
dates and percentages are not counts. Its meaning comes from:
- the category named in its clause (the shared vocabularies of extractors.codes: golongan, pendidikan,
  jenis jabatan, eselon, jenis kelamin, age bands; a unit kerja by its name), or in the clause just before
  when its own clause names none ("Dinas Pendidikan … tercatat sebagai OPD dengan jumlah ASN tertinggi, yakni
  3.534 orang");
- else a total, but only when the clause says so ("total ASN", "jumlah pegawai", "5.111 PNS") and names no
  other subject: a capitalised phrase the vocabularies cannot place ("Generasi Y", "Kecamatan Ujungbulu")
  makes the count unresolved, since reading it as the total would be wrong;
- the period: the as-of year in the sentence, else the nearest one stated before it in the section;
- the population: the one named in the clause, the sentence or the lines before (ASN, PNS, PPPK, …).
A sentence that narrates the table just above it ("Dari tabel di atas …") repeats that table's numbers; those
stay the table's facts. Every count that cannot be placed is returned as an unresolved cell with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import codes
from extractors.documents.model import Document, Table, TextLine
from extractors.facts import DocumentIdentity, Fact
from extractors.numbers import as_rupiah, parse_count

_MONTHS = ("januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|"
           "desember")
# "2.010 laki-laki dan 2.502 perempuan": a number right before a sex names people too.
_COUNT_UNIT = r"orang|org|pegawai|asn|pns|pppk|cpns|personil|jiwa|laki\s*-\s*laki|perempuan|pria|wanita"
# A count: digits (thousands grouped by dots), optionally its spelling in words, then a head-count word.
_COUNT = re.compile(
    rf"(?<![\d.,/-])(?P<num>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,6}})(?![\d,]|\.\d)"
    rf"\s*(?:\((?P<words>[a-z ]+)\)\s*)?(?P<unit>{_COUNT_UNIT})\b"
    # "62 orang PNS dan 9 orang Non PNS": the population printed after the unit word.
    r"(?:\s+(?P<pop>non[- ]?pns|non[- ]?asn|pns|pppk|cpns|asn|honorer|tenaga kontrak)\b)?",
    re.IGNORECASE,
)
_POPULATION_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bpegawai pemerintah dengan perjanjian kerja\b|\bp3k\b|\bpppk\b", re.I), "pppk"),
    (re.compile(r"\bcalon pegawai negeri sipil\b|\bcpns\b", re.I), "cpns"),
    (re.compile(r"\bpegawai negeri sipil\b|\bpns\b", re.I), "pns"),
    (re.compile(r"\baparatur sipil negara\b|\basn\b", re.I), "asn"),
    (re.compile(r"\bhonorer\b|\bnon[- ]?asn\b|\btenaga kontrak\b", re.I), "non_asn"),
)
_STRONG_TOTAL = re.compile(r"\b(?:total|jumlah|seluruh|keseluruhan)\s+(?:asn|pns|pppk|cpns|pegawai|aparatur)\b", re.I)
# A count is about the workforce only where its sentence (or one of the three before) speaks of it.
_STAFF = re.compile(r"\b(?:pegawai|asn|pns|pppk|p3k|cpns|aparatur|karyawan|personil|sdm|sumber daya manusia|honorer|"
                    r"jabatan|pejabat|"
                    r"golongan|eselon)\b", re.I)
# Clauses counting people who are not staff (participants, victims, residents, pupils, patients), or staff
# going through an event in the year (training, promotion, retirement, selection) rather than the workforce.
_NOT_STAFF = re.compile(
    r"\b(?:peserta|korban|penduduk|masyarakat|warga|siswa|murid|mahasiswa|pasien|pengunjung|penerima|"
    r"anggota dprd?|dpr|calon pelatih|tim|kelompok tani|nelayan|pencari kerja|pendaftar|pelamar|"
    r"mengikuti|diikutkan|diklat|pelatihan|bimtek|workshop|sosialisasi|dilantik|pelantikan|pensiun|purna|mutasi|"
    r"dimutasi|promosi|kenaikan pangkat|naik pangkat|diusulkan|usulan|formasi|seleksi|lulus|cuti|hukuman|"
    r"disiplin|meninggal|sertifikasi|ujian|uji kompetensi|asesmen|assessment|dilatih|dilayani|layanan|"
    r"pengangkatan|diangkat|rekrutmen|penerimaan)\b", re.I)
_CLAUSE_SPLIT = re.compile(r"\s*[,;:]\s+|\s+(?:dan|serta|sedangkan|sementara(?: itu)?|diikuti(?: oleh)?)\s+", re.I)
# A sentence ends at . ! ? before a capital, a quote, or a numbered heading ("… 23 orang. 1.6 SISTEMATIKA").
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(]|\d+(?:\.\d+)+\.?\s+[A-Z])")
_AS_OF_YEAR = re.compile(
    rf"\b(?:(?:per|pada|bulan|akhir|awal)\s+)?(?:{_MONTHS})\s+((?:19|20)\d{{2}})\b|"
    rf"\b(?:tahun|per|ta\.?|s\.?d\.?)\s+((?:19|20)\d{{2}})\b(?!\s*[-–/]\s*(?:19|20)\d{{2}})",
    re.I,
)
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}\b")
_NARRATES_TABLE = re.compile(r"\b(?:tabel|grafik|gambar|diagram)\s+(?:di\s+)?(?:atas|tersebut|berikut)\b", re.I)
# Organisational units by their name: a unit word and the capitalised words (with `dan`, `,`) after it.
_UNIT = re.compile(
    r"\b(?:Dinas|Badan|Sekretariat|Inspektorat|Bagian|Bidang|Kantor|Satuan|Biro|RSUD|Rumah Sakit|UPTD?)"
    r"(?:\s+(?:dan|&)\s+[A-Z][\w-]*|,\s+[A-Z][\w-]*|\s+[A-Z][\w-]*)+"
)
_CAPITALISED = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*")
_NEUTRAL_CAPS = re.compile(
    rf"^(?:{_MONTHS}|tahun|data|dari|sementara|sebanyak|secara|jumlah|total|dalam|pada|di|kabupaten|kota|"
    r"provinsi|pemerintah|pemkab|pemkot|pemprov|opd|sedangkan|adapun|berdasarkan|menurut|selain|hal|ini|itu|"
    r"sebagian|mayoritas|kemudian|selanjutnya|yang|untuk|dengan|jika|bila|namun|tetapi|dan|serta|atau)$",
    re.I,
)
_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+[A-Z][A-Z ]{3,}$|[A-Z][A-Z ]{3,60}$|BAB\s+[IVX]+\b)")
_SECTION_WINDOW = 6  # lines of a text rendering (paragraphs) that still set the context of a sentence
_TABLES_NARRATED = 3  # "tabel dan grafik tersebut di atas": the few tables of the section above

# Category vocabularies for free text: the phrase that names the category, read by the shared normalisers.
# Abbreviations only in capitals (`SD`, `D3`, `S-1`): in lower case `di`, `s1` are words of the sentence.
_PENDIDIKAN_WORD = (r"(?:SD|SMP|SLTP|SMA|SLTA|SMK|SMU|D\s?-?\s?(?:IV|III|II|I|[1-4])|S\s?-?\s?[1-3]|"
                    r"(?i:diploma(?:\s+(?:IV|III|II|I|[1-4]))?|sarjana(?:\s+muda)?|pasca\s*sarjana|magister|doktor))")
_PENDIDIKAN_RANGE = re.compile(
    rf"\b(?P<lo>{_PENDIDIKAN_WORD})\s+(?i:hingga|sampai|s\.?d\.?|s/d|-)\s+(?P<hi>{_PENDIDIKAN_WORD})\b")
_PENDIDIKAN = re.compile(rf"\b{_PENDIDIKAN_WORD}\b")
_GOLONGAN = re.compile(r"\b(?i:gol(?:ongan)?\w*\.?)\s*(?:/\s*ruang\s*)?(IV|III|II|I)\s*[/.]?\s*([a-e])?\b")
_JABATAN = re.compile(r"\b(?:jabatan\s+|pejabat\s+)?(struktural|fungsional\s+umum|fungsional\s+tertentu|pelaksana)\b",
                      re.I)
_ESELON = re.compile(r"\beselon\s+(IV|III|II|I)(?:\s*[.]?\s*([ab]))?\b", re.I)
_SEX = re.compile(r"\b(laki\s*-?\s*laki|pria|perempuan|wanita)\b", re.I)
_AGE = re.compile(
    r"\b(?:usia|umur|kelompok)\s+(?:usia\s+|umur\s+)?(\d{2})\s*(?:-|–|s\.?d\.?|sampai)\s*(\d{2})\s*tahun\b", re.I)


@dataclass
class _Subject:
    dimension: dict[str, str]  # empty for a total
    label: str  # as printed, for the evidence
    known: bool  # False: a subject the vocabularies cannot place


_WORD_NUMBERS = {"nol": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
                 "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11}


def words_to_number(text: str) -> int | None:
    """`tiga puluh empat` → 34, `seribu dua ratus` → 1200; None when it is not a number in words."""
    total = current = 0
    seen = False
    for raw in re.findall(r"[a-z]+", text.lower()):
        word = raw
        for prefix in ("se",):
            if word.startswith(prefix) and word[2:] in {"puluh", "ratus", "ribu", "belas"}:
                current = current or 1
                word = word[2:]
        if word in _WORD_NUMBERS:
            current += _WORD_NUMBERS[word]
        elif word == "belas":
            current = (current or 1) + 10
        elif word == "puluh":
            current = (current or 1) * 10
        elif word == "ratus":
            current = (current or 1) * 100
        elif word == "ribu":
            total += (current or 1) * 1000
            current = 0
        elif word == "juta":
            total += (current or 1) * 1_000_000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _categories(clause: str) -> list[_Subject]:
    """The categories a clause names, each read by the shared vocabularies."""
    found: list[_Subject] = []
    for m in _UNIT.finditer(clause):
        found.append(_Subject({"unit_kerja": " ".join(m.group(0).split())}, m.group(0), True))
    masked = _UNIT.sub(" ", clause)
    for m in _PENDIDIKAN_RANGE.finditer(masked):
        lo, hi = codes.normalise_pendidikan(m.group("lo")), codes.normalise_pendidikan(m.group("hi"))
        if lo and hi and lo != hi:
            # A span of levels ("sarjana hingga pascasarjana") is its own category, kept as printed.
            found.append(_Subject({"pendidikan": " ".join(m.group(0).split())}, m.group(0), True))
    masked = _PENDIDIKAN_RANGE.sub(" ", masked)
    for m in _PENDIDIKAN.finditer(masked):
        level = codes.normalise_pendidikan(m.group(0))
        if level:
            found.append(_Subject({"pendidikan": level}, m.group(0), True))
    for m in _GOLONGAN.finditer(masked):
        if m.group(2):
            gr = codes.normalise_golongan_ruang(f"{m.group(1)}/{m.group(2)}")
            if gr:
                found.append(_Subject({"golongan_ruang": gr}, m.group(0), True))
        else:
            found.append(_Subject({"golongan": m.group(1)}, m.group(0), True))
    for m in _JABATAN.finditer(masked):
        jj = codes.normalise_jenis_jabatan(m.group(1))
        if jj:
            found.append(_Subject({"jenis_jabatan": jj}, m.group(0), True))
    for m in _ESELON.finditer(masked):
        es = codes.normalise_eselon(m.group(0))
        if es:
            found.append(_Subject({"eselon": es}, m.group(0), True))
    for m in _SEX.finditer(masked):
        sex = codes.normalise_jenis_kelamin(m.group(1))
        if sex:
            found.append(_Subject({"jenis_kelamin": sex}, m.group(0), True))
    for m in _AGE.finditer(masked):
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo < hi:
            found.append(_Subject({"kelompok_usia": f"{lo}-{hi}"}, m.group(0), True))
    return found


def _unknown_subject(clause: str, identity: DocumentIdentity) -> str | None:
    """A capitalised phrase the vocabularies cannot place (`Generasi Y`), which the count may be about."""
    known_names = " ".join(filter(None, [identity.region, identity.agency])).lower().split()
    text = _COUNT.sub(" ", _UNIT.sub(" ", clause))
    text = re.sub(r"\([^)]*\)", " ", text)
    for pattern, _ in _POPULATION_WORDS:
        text = pattern.sub(" ", text)  # "Pegawai Negeri Sipil" names the population, not another subject
    for m in _CAPITALISED.finditer(text):
        words = [w for w in m.group(0).split() if not _NEUTRAL_CAPS.match(w)]
        words = [w for w in words if w.lower() not in known_names and not any(p.search(w) for p, _ in
                                                                            _POPULATION_WORDS)]
        if words:
            return " ".join(words)
    return None


def _population(text: str) -> str | None:
    """The population a stretch of text speaks of: ASN when named (it covers PNS and PPPK), else the one named."""
    found = {pop for pattern, pop in _POPULATION_WORDS if pattern.search(text)}
    if "asn" in found:
        return "asn"
    return found.pop() if len(found) == 1 else None


# Numbers of people that are not the workforce as it stands: targets, needs, shortages, changes.
_NOT_A_STOCK = re.compile(r"\b(?:target|ditargetkan|rencana|direncanakan|proyeksi|kebutuhan|dibutuhkan|kekurangan|"
                          r"kelebihan|bertambah|berkurang|penambahan|pengurangan|meningkat|menurun|naik|turun|"
                          r"selisih)\b", re.I)
_REGULATION = re.compile(r"\b(?:nomor|no\.?|pp|uu|perda|pergub|perbup|perwal|perpres|permen\w*|kep\w*)\s*[\w./-]*\s+"
                         r"tahun\s+(?:19|20)\d{2}\b", re.I)


def _as_of_years(text: str) -> set[int]:
    """Years a sentence dates its figures by; not birth years, year ranges or the years of regulations."""
    text = re.sub(r"\(\s*lahir[^)]*\)", " ", text, flags=re.I)
    text = _REGULATION.sub(" ", text)
    text = _YEAR_RANGE.sub(" ", text)
    return {int(a or b) for a, b in _AS_OF_YEAR.findall(text)}


@dataclass
class _Paragraph:
    text: str
    page: int | None
    line: int | None
    # The tables just above (nearest last), whose numbers a narrating sentence repeats ("tabel … di atas").
    tables_before: list[Table]
    # (offset in text, source line) where each hard-wrapped line of a text rendering starts
    starts: list[tuple[int, int]] = field(default_factory=list)
    cursors: dict[str, int] = field(default_factory=dict)  # one per reader (counts, budgets): each reads in order

    def line_of(self, needle: str, reader: str = "count") -> int | None:
        """The source line holding the next occurrence of `needle` (each reader reads in text order)."""
        if self.page is not None or not self.starts:
            return self.line
        at = self.text.find(needle, self.cursors.get(reader, 0))
        if at < 0:
            return self.line
        self.cursors[reader] = at + len(needle)
        line = self.line
        for offset, number in self.starts:
            if offset > at:
                break
            line = number
        return line


_ENDS_SENTENCE = re.compile(r"[.!?:;]\s*$")


def _continues(prev: TextLine, item: TextLine) -> bool:
    """A hard-wrapped text rendering: the next line carries on the sentence of the previous one."""
    return (prev.line is not None and item.line == prev.line + 1 and not _ENDS_SENTENCE.search(prev.text)
            and bool(re.match(r"[a-z0-9(]", item.text)) and not _HEADING.match(prev.text))


def _paragraphs(document: Document) -> list[_Paragraph]:
    """Text renderings: a line, with the lines that carry on its sentence when the text is hard-wrapped.
    PDFs: a page's text lines run together (sentences wrap), cut at headings."""
    out: list[_Paragraph] = []
    for page in document.pages:
        last_tables: list[Table] = []
        run: list[str] = []
        previous: TextLine | None = None
        for item in page.items:
            if isinstance(item, Table):
                if run:
                    out.append(_Paragraph(" ".join(run), page.number, None, last_tables))
                    run = []
                last_tables = [*last_tables[-(_TABLES_NARRATED - 1):], item]
                previous = None
                continue
            if document.kind == "pdf":
                if _HEADING.match(item.text) and run:
                    # A numbered or capitalised heading starts another section of the page.
                    out.append(_Paragraph(" ".join(run), page.number, None, last_tables))
                    run = []
                run.append(item.text)
            elif previous is not None and out and _continues(previous, item):
                para = out[-1]
                para.starts.append((len(para.text) + 1, item.line))
                para.text = f"{para.text} {item.text}"
            else:
                para = _Paragraph(item.text, item.page, item.line if item.page is None else None, last_tables)
                if para.page is None and item.line is not None:
                    para.starts.append((0, item.line))
                out.append(para)
            previous = item
        if run:
            out.append(_Paragraph(" ".join(run), page.number, None, last_tables))
    return out


def _table_numbers(table: Table) -> set[int]:
    out = set()
    for row in table.rows:
        for cell in row.cells:
            for tok in re.findall(r"\d[\d.]*", cell or ""):
                value = parse_count(tok)
                if value is not None:
                    out.add(value)
    return out


def recognise_prose(document: Document, identity: DocumentIdentity) -> tuple[list[Fact], list[str]]:
    """Counts stated in sentences, as facts where their meaning is determined; the rest as problems."""
    facts: list[Fact] = []
    problems: list[str] = []
    paragraphs = _paragraphs(document)
    recent_years: list[tuple[int, int]] = []  # (paragraph index, year): as-of years stated so far
    recent_topics: list[tuple[int, str]] = []  # (paragraph index, population) the sentences were about
    plan_year = identity.period_start if identity.period_start == identity.period_end else None
    for idx, para in enumerate(paragraphs):
        where = f"page {para.page}" if para.page is not None else f"line {para.line}"
        # "Dari tabel di atas …" starts a narration of the table above that runs to the paragraph's end.
        narrating = False
        previous_sentences: list[str] = []  # a list's items follow the sentence that says whom they count
        try:
            for sentence in _SENTENCE_SPLIT.split(para.text):
                years = _as_of_years(sentence)
                counts = list(_COUNT.finditer(sentence))
                # The population a sentence is about is the one it names before its first count ("Data PNS …",
                # "total ASN …"); one named next to a count ("CPNS sebanyak 7 orang") is that count's own.
                topic = _population(sentence[: counts[0].start()] if counts else sentence)
                if counts:
                    if _NARRATES_TABLE.search(sentence):
                        narrating = True
                    staff = any(_STAFF.search(x) for x in [sentence, *previous_sentences[-3:]])
                    year = _resolve_year(years, recent_years, idx, paragraphs)
                    if year is None and document.kind == "pdf":
                        year = plan_year  # a yearly report's staff figures are as of its year
                    population = topic or _recent(recent_topics, idx, paragraphs)
                    narrated = {n for t in para.tables_before for n in _table_numbers(t)} if narrating else set()
                    read = _read_sentence(sentence, counts, year, population, narrated, staff, identity, para)
                    _check_total([f for f in read if isinstance(f, Fact)])
                    for got in read:
                        if isinstance(got, Fact):
                            facts.append(got)
                        else:
                            problems.append(f"{identity.source} {where}: {got}")
                if _RUPIAH.search(sentence):
                    for got in _read_budget(sentence, years, identity, para):
                        if isinstance(got, Fact):
                            facts.append(got)
                        else:
                            problems.append(f"{identity.source} {where}: {got}")
                recent_years.extend((idx, y) for y in years)
                if topic:
                    recent_topics.append((idx, topic))
                previous_sentences.append(sentence)
        except Exception as exc:  # noqa: BLE001 - one odd paragraph must never lose the document's facts
            problems.append(f"{identity.source} {where}: sentences not read ({type(exc).__name__}: {exc})")
    return facts, problems


_RUPIAH = re.compile(r"\bRp\.?\s*(?P<amount>\d[\d.,]*\d)", re.I)
_REALISED = re.compile(r"\b(?:realisasi|serapan|penyerapan|terserap|terealisasi)\b", re.I)
_PLANNED = re.compile(r"\b(?:pagu|total anggaran|alokasi anggaran|dialokasikan|dianggarkan|anggaran belanja|"
                      r"dari anggaran|anggaran sebesar|anggaran yang tersedia|"
                      r"anggaran pendapatan dan belanja(?: daerah)?(?: \(apbd\))?)\b", re.I)
# The amount is one part of the budget (a source of funds, direct spending, the largest item), not its total.
_BUDGET_PART = re.compile(r"\b(?:terdiri (?:atas|dari)|belanja (?:tidak )?langsung|terbesar|sebagian|apbn|"
                          r"dana alokasi|dak|bantuan keuangan|hibah|sumber dana)\b", re.I)
# A program, activity or sub-activity named in the sentence: the amounts are that one's, not the agency's.
_NAMED_ACTIVITY = re.compile(r"\b(?:program|kegiatan|sub\s+kegiatan)\s+(?!dan\b)[A-Z]")


def _read_budget(sentence: str, years: set[int], identity: DocumentIdentity,
                 para: _Paragraph) -> list[Fact | str]:
    """The agency's total budget and its realisation stated in a sentence ("serapan … Rp X dari total anggaran
    belanja sebesar Rp Y"), only where the sentence names the issuing agency, no program or activity, and one
    year. The nearest cue before each amount says which it is."""
    amounts = list(_RUPIAH.finditer(sentence))
    # Every amount moves the budget reader's cursor, placed or not, so each fact cites its own line.
    amount_lines = [para.line_of(a.group(0), "budget") for a in amounts]
    units = [m.group(0) for m in _UNIT.finditer(sentence)]
    if not any(_own_agency(u, identity) for u in units):
        return []  # another unit's or an activity's money: the sentence does not say it is the agency's
    if _BUDGET_PART.search(sentence):
        return [f"budget amounts of a part of the budget, not placed: {sentence.strip()[:80]!r}"]
    if _NAMED_ACTIVITY.search(sentence):
        return [f"budget amounts of a named program or activity, not placed: {sentence.strip()[:80]!r}"]
    if len(years) != 1:
        return [f"budget amounts without one year, not placed: {sentence.strip()[:80]!r}"]
    year = next(iter(years))
    out: list[Fact | str] = []
    seen: set[str] = set()
    start = 0
    for m, line in zip(amounts, amount_lines, strict=True):
        before = sentence[start:m.start()]
        start = m.end()
        realised = [c for c in _REALISED.finditer(before)]
        # "realisasi anggaran sebesar": the budget word belongs to the realisation named just before it.
        planned = [c for c in _PLANNED.finditer(before)
                   if not any(0 <= c.start() - r.end() <= 3 for r in realised)]
        cues = [(c.end(), "budget_realisation") for c in realised] + [(c.end(), "pagu") for c in planned]
        value = as_rupiah(m.group("amount"))
        if not cues or value is None:
            out.append(f"budget amount {m.group(0)!r} not placed: no realisation or budget cue before it")
            continue
        kind = max(cues)[1]
        if kind in seen:
            out.append(f"budget amount {m.group(0)!r} not placed: a second {kind} in one sentence")
            continue
        seen.add(kind)
        out.append(Fact(
            source=identity.source, page=para.page, line=line if para.page is None else None,
            table=None, agency=identity.agency, region=identity.region, metric="budget_idr",
            indicator="Total anggaran", dimension={}, year=year, value=value, unit="IDR", kind=kind,
            scope="agency", evidence=f"prose: {' '.join(before.split())[-100:]} {m.group(0)}",
        ))
    return out


def _check_total(facts: list[Fact]) -> None:
    """A total and its parts by one dimension in one sentence: flag the total when the parts do not reach it.

    The printed total stays as printed (sources are often wrong there); the flag tells the reconciliation."""
    totals = [f for f in facts if not f.dimension]
    if len(totals) != 1:
        return
    by_key: dict[str, list[Fact]] = {}
    for f in facts:
        if len(f.dimension) == 1:
            by_key.setdefault(next(iter(f.dimension)), []).append(f)
    for parts in by_key.values():
        if len(parts) >= 2:
            computed = sum(int(f.value) for f in parts)
            if computed != totals[0].value:
                totals[0].flags.append(f"stated_total_mismatch:{totals[0].value}!={computed}")


def _in_window(at: int, idx: int, paragraphs: list[_Paragraph]) -> bool:
    if paragraphs[idx].page is not None:
        return at == idx  # a PDF page's text is one paragraph: context stays on the page
    return idx - at <= _SECTION_WINDOW


def _resolve_year(years: set[int], recent: list[tuple[int, int]], idx: int,
                  paragraphs: list[_Paragraph]) -> int | None | str:
    if len(years) == 1:
        return next(iter(years))
    if len(years) > 1:
        return "several as-of years in the sentence"
    near = [y for at, y in recent if _in_window(at, idx, paragraphs)]
    return near[-1] if near else None


def _recent(recent: list[tuple[int, str]], idx: int, paragraphs: list[_Paragraph]) -> str | None:
    near = [p for at, p in recent if _in_window(at, idx, paragraphs)]
    return near[-1] if near else None


def _own_agency(unit: str, identity: DocumentIdentity) -> bool:
    """The unit named is the issuing agency itself ("Dinas Kesehatan Provinsi Jawa Barat" in its own LKIP)."""
    words = set(re.findall(r"[a-z]+", unit.lower()))
    if identity.region and set(re.findall(r"[a-z]+", identity.region.lower())) <= words:
        return True
    if identity.agency:
        agency = set(re.findall(r"[a-z]+", identity.agency.lower()))
        return len(words & agency) >= 0.8 * len(words)
    return False


def _read_sentence(sentence: str, counts: list[re.Match[str]], year: int | None | str, population: str | None,
                   narrated: set[int], staff: bool, identity: DocumentIdentity,
                   para: _Paragraph) -> list[Fact | str]:
    out: list[Fact | str] = []
    # Unit names may hold commas and `dan` ("Dinas Sosial, Tenaga Kerja dan Transmigrasi"): keep them whole.
    protected = _UNIT.sub(lambda m: m.group(0).replace(",", "\u0001").replace(" dan ", " \u0002 "), sentence)
    clauses = [c.replace("\u0001", ",").replace(" \u0002 ", " dan ") for c in _CLAUSE_SPLIT.split(protected)]
    previous_subject: _Subject | None = None
    previous_had_count = True
    for clause in clauses:
        clause_counts = list(_COUNT.finditer(clause))
        # Every count moves the paragraph's cursor, placed or not, so each fact cites its own line.
        count_lines = [para.line_of(c.group(0)) for c in clause_counts]
        cats = _distinct(_categories(clause), identity)
        unknown = None if cats else _unknown_subject(clause, identity)
        if not clause_counts:
            # A clause naming a subject without a number hands it to the next clause ("…, yakni 3.534 orang").
            previous_subject = cats[0] if len(cats) == 1 else (_Subject({}, unknown, False) if unknown else None)
            previous_had_count = False
            continue
        inherited = previous_subject if not previous_had_count else None
        previous_had_count = True
        if len(clause_counts) > 1:
            out.append(f"several counts in one clause, not placed: {clause.strip()[:80]!r}")
            continue
        m = clause_counts[0]
        value = parse_count(m.group("num"))
        label = f"{m.group('num')} {m.group('unit')}"
        if value is None:
            out.append(f"unreadable count {label!r}")
            continue
        if m.group("words"):
            spelled = words_to_number(m.group("words"))
            if spelled is not None and spelled != value:
                out.append(f"count {value} printed as {m.group('words')!r} ({spelled}): digits and words disagree")
                continue
        if value in narrated:
            continue  # the sentence narrates the table above; the number is that table's fact
        if not staff or _NOT_STAFF.search(_UNIT.sub(" ", clause)):
            out.append(f"count {label!r} not placed: the sentence is not about the workforce")
            continue
        if _NOT_A_STOCK.search(clause):
            out.append(f"count {label!r} not placed: a target, need or change, not the workforce as it stands")
            continue
        subject = _subject(clause, m, cats, unknown, inherited)
        if isinstance(subject, str):
            out.append(f"count {label!r} not placed: {subject}")
            continue
        clause_years = _as_of_years(clause)
        # "… tahun 2022 sebanyak 300 orang, dari tahun 2021 sebanyak 280 orang": each clause its own year.
        year_here = next(iter(clause_years)) if len(clause_years) == 1 else year
        if isinstance(year_here, str) or year_here is None:
            out.append(f"count {label!r} not placed: {year_here or 'no as-of year in the sentence or its section'}")
            continue
        dimension = dict(subject.dimension)
        own = "unit_kerja" in dimension and _own_agency(dimension["unit_kerja"], identity)
        if own:
            dimension = {}  # the agency's own headcount, not one of its units
        unit_word = m.group("unit").lower()
        printed_pop = re.sub(r"[- ]", "", (m.group("pop") or "").lower())
        clause_pop = _population(clause)
        pop = {"pns": "pns", "pppk": "pppk", "cpns": "cpns", "asn": "asn", "nonpns": "non_asn", "nonasn": "non_asn",
               "honorer": "non_asn", "tenagakontrak": "non_asn"}.get(printed_pop or unit_word) or clause_pop \
            or population
        # "pegawai pada Dinas …", or the agency named as the subject: its own staff (codes.scope_of); a count
        # of a named population that no agency holds is the region's.
        names_agency = any(_own_agency(u.group(0), identity) for u in _UNIT.finditer(sentence))
        scope = "agency" if own else (codes.scope_of(sentence, names_agency=names_agency)
                                      or ("region" if pop else None))
        if not dimension and pop is None and scope is None:
            out.append(f"count {label!r} not placed: a total of no named population")
            continue
        out.append(Fact(
            source=identity.source, page=para.page, line=count_lines[0] if para.page is None else None,
            table=None, agency=identity.agency, region=identity.region, metric="asn_headcount",
            indicator=None if dimension else "Jumlah", dimension=dimension, year=year_here,
            value=value, unit="orang", kind="count", population=pop, scope=scope,
            evidence=f"prose: {' '.join(clause.split())[:160]}",
        ))
    return out


def _distinct(cats: list[_Subject], identity: DocumentIdentity) -> list[_Subject]:
    """One entry per category named ("Sarjana (S1)" is one), and the issuing agency dropped when the clause also
    names a category: "aparatur Badan X … berpendidikan S1" counts S1 within the agency, not the agency."""
    out: list[_Subject] = []
    for c in cats:
        if all(c.dimension != o.dimension for o in out):
            out.append(c)
    others = [c for c in out if not ("unit_kerja" in c.dimension and _own_agency(c.dimension["unit_kerja"], identity))]
    return others if others and len(others) < len(out) else out


# A clause naming a population and nothing else before its count: "Selain itu terdapat PPPK sebanyak",
# "tenaga honorer berjumlah". Any other word ("PNS yang berusia di atas 50 tahun sebanyak") may narrow it.
_LINK = r"(?:selain\s+itu|di\s+samping\s+itu|adapun|kemudian|terdapat|ada|adalah|yaitu|yakni|sebanyak|berjumlah|" \
        r"sejumlah|tercatat|mencapai|tenaga|para|[:=(),-])"
_BARE_POPULATION = re.compile(
    rf"\s*(?:{_LINK}\s*)*(?:pegawai\s+pemerintah\s+dengan\s+perjanjian\s+kerja|calon\s+pegawai\s+negeri\s+sipil|"
    rf"pegawai\s+negeri\s+sipil|aparatur\s+sipil\s+negara|pppk|p3k|cpns|pns|asn|honorer|non[- ]?asn|"
    rf"tenaga\s+kontrak)(?:\s*\((?:pppk|p3k|cpns|pns|asn)\))?\s*(?:{_LINK}\s*)*", re.I)


def _subject(clause: str, m: re.Match[str], cats: list[_Subject], unknown: str | None,
             inherited: _Subject | None) -> _Subject | str:
    """What one count in a clause counts, or why it cannot be told."""
    if len(cats) == 1:
        return cats[0]
    if len(cats) > 1:
        dims = {k for c in cats for k in c.dimension}
        if len(dims) == 1 and len({tuple(c.dimension.items()) for c in cats}) > 1:
            return f"several categories in one clause ({', '.join(c.label for c in cats)})"
        return "categories of several dimensions in one clause"
    if unknown:
        return f"about {unknown!r}, which no vocabulary names"
    before = clause[: m.start()]
    if _STRONG_TOTAL.search(before):
        return _Subject({}, "total", True)  # "total ASN … sebanyak 6.458 orang" names its own subject
    if inherited is not None:
        return inherited if inherited.known else f"about {inherited.label!r}, which no vocabulary names"
    if m.group("unit").lower() in {"pns", "pppk", "cpns", "asn"} or m.group("pop"):
        return _Subject({}, "total", True)  # "5.111 PNS", "9 orang Non PNS": the number names its population
    if _population(before) and _BARE_POPULATION.fullmatch(before):
        return _Subject({}, "total", True)  # "terdapat PPPK sebanyak 812 orang": the clause's one subject
    return "no category or total named in the clause"

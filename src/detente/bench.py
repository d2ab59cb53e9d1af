"""`detente bench`: parse-only vs end-to-end coding throughput, measured in one run on the same texts.

(a) parse-only: spaCy ``nlp.pipe`` over EVERY sentence of the corpus with the pipeline a full parse
    needs (the same ``load_nlp()`` object the coder uses) — what a parser-bound coder costs at best;
(b) end-to-end: Détente coding of the same articles (prefilter on unless told otherwise).
Both run with the same number of worker processes (in-process for one worker; otherwise a pool whose
workers load the model before the clock starts), both first process the same 100 warm-up articles (the
next ones in the corpus) untimed, so that steady-state throughput is compared rather than each
process's first-use costs, and both divide by the same sentence count (``nlp.segment.split_sentences``
on ``article.body``), so ``ratio`` = (b) / (a) compares like with like.
"""
from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .models import Article
from .nlp.segment import split_sentences
from .parallel import DEFAULT_CHUNK_SIZE, ParallelCoder, _context, peak_rss_mb
from .pipeline import Coder, CoderSettings

DEFAULT_LIMIT = 1000
WARMUP_ARTICLES = 100  # coded (and parsed) untimed before each measurement, see run_bench
_NO_MODEL = object()  # stands in for the spaCy model where only the prefilter/layout is used


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def default_corpus() -> Path:
    """../shared/data/reuters21578/articles.jsonl next to the repository."""
    return repo_root().parent / "shared" / "data" / "reuters21578" / "articles.jsonl"


def load_corpus(path: Path | None = None, limit: int | None = DEFAULT_LIMIT) -> list[Article]:
    """The first ``limit`` readable articles of a corpus file (rejected items are skipped)."""
    from .ingest import Rejected, read_inputs

    path = Path(path) if path is not None else default_corpus()
    if not path.exists():
        raise UsageError(f"benchmark corpus not found: {path} (pass --corpus FILE; the default is the "
                         "Reuters-21578 JSONL in the shared data folder beside the repository)")
    items = (x for x in read_inputs([str(path)]) if not isinstance(x, Rejected))
    articles = list(itertools.islice(items, limit) if limit else items)
    if not articles:
        raise UsageError(f"no readable articles in {path}")
    return articles


@dataclass
class BenchResult:
    articles: int
    sentences: int
    workers: int
    parse_only_seconds: float
    end_to_end_seconds: float
    parse_only_sentences_per_s: float
    end_to_end_sentences_per_s: float
    parse_only_articles_per_s: float
    end_to_end_articles_per_s: float
    ratio: float
    peak_rss_mb: float  # the largest peak RSS of any process that coded (per worker)
    parsed_sentences: int  # sentences the prefilter sent to the parser
    events: int
    failed_articles: int
    prefilter: bool
    model: str
    worker_peak_rss_mb: list[float] = field(default_factory=list)
    # CPU seconds (all processes that did the work): unlike wall time, not skewed by other jobs on a
    # busy machine. cpu_ratio = parse-only CPU / end-to-end CPU.
    parse_only_cpu_seconds: float = 0.0
    end_to_end_cpu_seconds: float = 0.0
    cpu_ratio: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------------------- parse-only
_NLP: Any = None


def _init_parser() -> None:
    global _NLP
    from .nlp import load_nlp

    _NLP = load_nlp()


def _parse_texts(texts: list[str]) -> tuple[int, float, float]:
    """Parse sentences in a worker; returns (#docs, peak RSS MB, CPU s). The docs stay in the worker."""
    cpu0 = time.process_time()
    n = sum(1 for _ in _NLP.pipe(texts))
    return n, peak_rss_mb(), time.process_time() - cpu0


def _sentence_chunks(articles: list[Article], chunk_size: int) -> Iterator[list[str]]:
    for i in range(0, len(articles), chunk_size):
        yield [s.text for a in articles[i:i + chunk_size] for s in split_sentences(a.body)]


def parse_only(articles: list[Article], workers: int, chunk_size: int = DEFAULT_CHUNK_SIZE,
               warm: list[Article] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) to run ``nlp.pipe`` over every sentence (model loading and the
    warm-up articles not timed)."""
    if workers == 1:
        _init_parser()
        for texts in _sentence_chunks(warm or [], chunk_size):
            _parse_texts(texts)
        chunks = list(_sentence_chunks(articles, chunk_size))
        start, cpu0 = time.perf_counter(), time.process_time()
        for texts in chunks:
            _parse_texts(texts)
        return time.perf_counter() - start, time.process_time() - cpu0
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_parser) as pool:
        list(pool.map(_parse_texts, [["Warm up."]] * workers))  # start every worker and load its model
        warm_texts = [t for texts in _sentence_chunks(warm or [], chunk_size) for t in texts]
        list(pool.map(_parse_texts, [warm_texts] * workers))  # every worker parses the warm-up texts
        start, cpu0 = time.perf_counter(), time.process_time()
        done = list(pool.map(_parse_texts, _sentence_chunks(articles, chunk_size)))
        wall = time.perf_counter() - start
        return wall, sum(c for _, _, c in done) + time.process_time() - cpu0


# ---------------------------------------------------------------------------- end-to-end
def end_to_end(articles: list[Article], workers: int, settings: CoderSettings,
               chunk_size: int = DEFAULT_CHUNK_SIZE, warm: list[Article] | None = None
               ) -> tuple[float, float, int, int, list[float]]:
    """(wall s, CPU s, #events, #failed articles, peak RSS MB per worker); loading and the warm-up
    articles are not timed."""
    events = failed = 0
    if workers == 1:
        from .nlp import load_nlp

        # a model of its own: the cached one has already parsed these very texts in parse_only, and its
        # warm tokenizer cache and vocabulary would flatter this run (the pools load their own, too)
        coder = Coder(settings=settings, nlp=load_nlp.__wrapped__())
        coder.code(articles[0])  # warm up lazy state as the pool's warm-up does
        list(coder.code_many(warm or []))
        start, cpu0 = time.perf_counter(), time.process_time()
        for _, res in coder.code_many(articles):
            if isinstance(res, Exception):
                failed += 1
            else:
                events += len(res)
        return time.perf_counter() - start, time.process_time() - cpu0, events, failed, [peak_rss_mb()]
    with ParallelCoder(workers, settings=settings, chunk_size=chunk_size) as pc:
        list(pc.code_many(articles[:1] * workers * chunk_size))  # start every worker, load models
        pc.warm_up(warm or [])  # every worker codes the warm-up articles, as the one coder above does
        pc.worker_cpu_s = 0.0
        start, cpu0 = time.perf_counter(), time.process_time()
        for _, res in pc.code_many(articles):
            if isinstance(res, Exception):
                failed += 1
            else:
                events += len(res)
        seconds = time.perf_counter() - start
        cpu = pc.worker_cpu_s + time.process_time() - cpu0  # workers + the parent's share (IPC, unpickling)
        return seconds, cpu, events, failed, sorted(pc.worker_peak_rss_mb.values())


def run_bench(corpus: Path | None = None, limit: int | None = DEFAULT_LIMIT, workers: int = 1,
              prefilter: bool = True, on_phase: Callable[[str], None] | None = None) -> BenchResult:
    """Both measurements, one after the other, on the same articles and the same model.
    ``on_phase(text)`` is told each step as it starts (the CLI's progress line), outside the timings."""
    from .nlp import DEFAULT_MODEL

    phase = on_phase or (lambda _text: None)
    if workers < 1:
        raise UsageError("workers must be >= 1")
    phase("reading the corpus")
    loaded = load_corpus(corpus, limit + WARMUP_ARTICLES if limit else None)
    articles = loaded[:limit] if limit else loaded
    # Warm-up on other articles of the same corpus, untimed and the same for every configuration:
    # steady-state throughput, not each process's first-use costs (caches, vocabulary growth).
    warm = loaded[limit:] if limit and len(loaded) > limit else articles[:WARMUP_ARTICLES]
    sentences = sum(len(split_sentences(a.body)) for a in articles)
    settings = CoderSettings(prefilter=prefilter)
    phase(f"(a) parse-only: {len(articles):,} articles, {sentences:,} sentences")
    parse_s, parse_cpu = parse_only(articles, workers, warm=warm)
    phase(f"(b) end-to-end coding: {len(articles):,} articles (parse-only took {parse_s:.1f} s)")
    e2e_s, e2e_cpu, events, failed, rss = end_to_end(articles, workers, settings, warm=warm)
    # what the coder's own prefilter sends to the parser (a Coder without a model: layout needs none)
    layout_coder = Coder(settings=settings, nlp=_NO_MODEL)
    parsed = sum(len(layout_coder.layout(a).segments) for a in articles)
    n = len(articles)
    return BenchResult(
        articles=n, sentences=sentences, workers=workers,
        parse_only_seconds=round(parse_s, 3), end_to_end_seconds=round(e2e_s, 3),
        parse_only_sentences_per_s=round(sentences / parse_s, 1),
        end_to_end_sentences_per_s=round(sentences / e2e_s, 1),
        parse_only_articles_per_s=round(n / parse_s, 2), end_to_end_articles_per_s=round(n / e2e_s, 2),
        ratio=round(parse_s / e2e_s, 3), peak_rss_mb=round(max(rss), 1), parsed_sentences=parsed,
        events=events, failed_articles=failed, prefilter=prefilter, model=DEFAULT_MODEL,
        worker_peak_rss_mb=[round(x, 1) for x in rss],
        parse_only_cpu_seconds=round(parse_cpu, 3), end_to_end_cpu_seconds=round(e2e_cpu, 3),
        cpu_ratio=round(parse_cpu / e2e_cpu, 3),
    )

"""A small event store for tests and demos: ``write_fixture_store(path)``.

The fixture articles (tests/api/fixtures/articles.jsonl) are coded by ``FixtureCoder``, which turns
hand-written annotations (events.yaml beside them) into ``Event``s with real sentence offsets, so the
store's content does not move while the NLP coder is being improved. With ``seed=True`` the founding
article in ../shared/acceptance/seed/ is also coded, by the real ``Coder`` when it loads.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml
from pydantic import BaseModel, ConfigDict

from ..errors import DataFileError
from ..models import Article, DatePrecision, Event, stable_id
from ..ontology import load_codebook

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURE_DIR = REPO_ROOT / "tests" / "api" / "fixtures"
SEED_DIR = REPO_ROOT.parent / "shared" / "acceptance" / "seed"
SEED_DATE = dt.date(2025, 3, 26)


class _Actor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    name: str = ""
    text: str = ""


class _Place(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    country: str = ""
    lat: float | None = None
    lon: float | None = None


class Annotation(BaseModel):
    """One hand-coded event: applies to any sentence containing ``sentence``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    sentence: str
    trigger: str
    source: _Actor | None = None
    target: _Actor | None = None
    cameo: str
    date: dt.date | None = None
    precision: DatePrecision | None = None
    mode: str | None = None
    historical: bool = False
    location: _Place | None = None


def load_annotations(path: Path) -> list[Annotation]:
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return [Annotation(**r) for r in rows]
    except (OSError, yaml.YAMLError, TypeError, ValueError) as exc:
        raise DataFileError(f"bad fixture annotations {path}: {exc}") from None


def load_articles(path: Path) -> list[Article]:
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            out.append(Article(id=row["id"], text=row["text"], title=row.get("title"), date=row.get("date"),
                               source=row.get("source"), url=row.get("url"), origin=f"{path.name}:{i}"))
    return out


class FixtureCoder:
    """Codes an article by its annotations; same ``code``/``code_many`` shape as the real Coder."""

    def __init__(self, annotations: list[Annotation] | None = None):
        self.annotations = annotations if annotations is not None else load_annotations(FIXTURE_DIR / "events.yaml")
        self.book = load_codebook()

    def code(self, article: Article) -> list[Event]:
        from ..nlp.segment import split_sentences  # here, not above: importing detente.nlp loads spaCy

        body = article.body
        events: list[Event] = []
        # the coder's own splitter: sentence indexes and offsets as the real Coder gives them
        for si, seg in enumerate(split_sentences(body)):
            start, sent = seg.start, seg.text
            for ann in self.annotations:
                if ann.sentence in sent:
                    events.append(self._event(article, ann, si, start, sent))
        return events

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]:
        for a in articles:
            try:
                yield a, self.code(a)
            except Exception as exc:  # one bad article never stops a batch
                yield a, exc

    def _event(self, article: Article, ann: Annotation, si: int, start: int, sent: str) -> Event:
        code = self.book.get(ann.cameo)
        t0 = sent.find(ann.trigger)
        if t0 < 0:
            raise DataFileError(f"fixture {ann.id}: trigger {ann.trigger!r} not in its sentence")
        actor: dict[str, Any] = {}
        for role, ref in (("source", ann.source), ("target", ann.target)):
            ref = ref or _Actor(code="")
            actor.update({f"{role}_code": ref.code, f"{role}_country": ref.code[:3], f"{role}_agent": ref.code[3:6],
                          f"{role}_name": ref.name, f"{role}_text": ref.text})
        place = ann.location
        return Event(
            event_id=stable_id(article.id, si, ann.id), article_id=article.id, sentence_index=si,
            sentence_text=sent, span_start=start + t0, span_end=start + t0 + len(ann.trigger), trigger=ann.trigger,
            date=ann.date, date_precision=ann.precision, historical=ann.historical, **actor,
            cameo_code=code.code, cameo_root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
            plover_type=code.plover_type, plover_mode=ann.mode or ("historical" if ann.historical else code.plover_mode),
            plover_context=code.plover_context, location_name=place.name if place else "",
            location_country=place.country if place else "", lat=place.lat if place else None,
            lon=place.lon if place else None, rule=f"fixture:{ann.id}", confidence=0.9,
            explanation={"trigger": f"'{ann.trigger}' -> CAMEO {code.code} {code.name} (fixture annotation {ann.id})",
                         "source": f"fixture actor {ann.source.code}" if ann.source else "no source actor",
                         "target": f"fixture actor {ann.target.code}" if ann.target else "no target actor",
                         "date": f"annotated {ann.date} ({ann.precision})" if ann.date else "no date"},
        )


def real_coder() -> Any | None:
    """The NLP ``Coder`` if it can be built here, else None (it is optional for fixtures)."""
    try:
        from ..pipeline import Coder

        return Coder()
    except Exception as exc:  # missing model or a stage still being built: fall back quietly
        log.warning("real coder unavailable: %s", exc)
        return None


def seed_article() -> Article | None:
    path = SEED_DIR / "article.txt"
    if not path.exists():
        return None
    title, _, text = path.read_text(encoding="utf-8").partition("\n")
    return Article(id="seed", title=title.strip(), text=text.strip(), date=SEED_DATE,
                   source="The Gulf Observer", origin=str(path))


def write_fixture_store(path: Path | str, *, seed: bool = False, articles_dir: Path | None = None) -> Path:
    """Create (or top up; ingest is idempotent) a store at ``path`` from the fixture articles."""
    from ..store import Store

    folder = articles_dir or FIXTURE_DIR
    path = Path(path)
    with Store(path) as store:
        store.ingest(load_articles(folder / "articles.jsonl"), FixtureCoder(load_annotations(folder / "events.yaml")))
        article = seed_article() if seed else None
        coder = real_coder() if article else None
        if article and coder:
            store.ingest([article], coder)
    return path


if __name__ == "__main__":  # demo: python -m detente.testing.fixtures demo.duckdb [--seed]
    import sys

    args = [a for a in sys.argv[1:] if a != "--seed"]
    if len(args) != 1:
        sys.exit("usage: python -m detente.testing.fixtures STORE.duckdb [--seed]")
    print(write_fixture_store(args[0], seed="--seed" in sys.argv))

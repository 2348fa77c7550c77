"""ParseOptions: every knob of the parser in one frozen object, passed down the stages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ParseOptions:
    """Options for ``parse_text``; the defaults are what ``govplan parse`` uses."""

    min_topic_chars: int = 4
    max_topic_chars: int = 24
    max_enum_topic_chars: int = 40  # 一是针对性出台系列稳增长举措，经济总体实现稳定向好
    max_paired_topic_chars: int = 22  # 狠抓颜值提标，打造精致城市: two short halves
    min_topic_body: int = 12  # a lead sentence needs text after it that expands on it
    max_sub_topic_chars: int = 18  # a lead inside a paragraph (大力推动能源转型。) is short
    min_sub_topic_body: int = 30  # ... and is expanded on before the next one
    min_sub_topics: int = 2  # one short sentence is prose; a run of them is a series of leads
    part_lookahead: int = 6  # paragraphs read under a heading that names no part
    min_bold_topics: int = 3  # fewer bold leads than this (a bold title only) and shapes decide
    lexicon: Path | None = None  # a domains.yaml replacing the bundled one
    max_input_bytes: int = 64 * 1024 * 1024

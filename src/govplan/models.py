"""The plan file contract (schema version 1) as Pydantic models; `make schema` writes their JSON Schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1
# Minor versions add optional fields that older readers may ignore: 1 adds Commitment.from_value.
# A file without schema_minor is minor 0 and still loads.
SCHEMA_MINOR = 1

Span = Annotated[
    tuple[int, int],
    Field(description="[start, end): code point offsets into the decoded source text"),
]
Part = Literal["review", "plan", "other"]
Level = Literal["national", "province", "city", "county"]
Comparator = Literal["=", ">=", "<=", ">", "<", "~", "range", "double"]
Status = Literal["planned", "achieved"]
Kind = Literal["level", "growth", "increase", "reduction", "count", "share"]
Stage = Literal["plan", "start", "continue", "complete", "relocate", "other"]
DomainKey = Literal[
    "economy",
    "industry",
    "agriculture",
    "opening_up",
    "innovation",
    "digital",
    "education",
    "health",
    "employment",
    "social_security",
    "culture_tourism_sports",
    "urban_development",
    "environment",
    "government",
    "public_safety",
    "fiscal_finance",
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Generator(Model):
    name: Literal["govplan"] = "govplan"
    version: str


class Source(Model):
    name: str = Field(description="file name without directories")
    sha256: str = Field(description="hash of the raw input bytes")
    encoding: str = Field(description="the encoding detected, e.g. utf-8, gb18030, utf-16")
    format: str = Field(description="txt, md, html, docx or pdf")
    chars: int = Field(description="length of the decoded text in code points")


class Document(Model):
    title: str | None = None
    region: str | None = None
    year: int | None = Field(default=None, description="the year the plan is for")
    level: Level | None = None


class Topic(Model):
    id: str
    title: str = Field(description="the lead sentence without its closing 。 and without the enumerator")
    marker: str | None = Field(default=None, description="the enumerator as written (一是), else null")
    span: Span
    line: int
    domains: list[DomainKey] = Field(default_factory=list)
    domain_evidence: list[str] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)


class Section(Model):
    id: str
    level: int = Field(ge=1, le=3)
    number: str = Field(description="the numeral as written (四, 1), empty for an unnumbered part heading")
    title: str
    span: Span
    line: int
    part: Part
    topics: list[Topic] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


class Commitment(Model):
    id: str
    text: str = Field(description="the stretch that states it; equals the source slice at span")
    span: Span
    line: int
    metric: str | None
    value: float | int
    value_max: float | int | None = None
    from_value: float | int | None = Field(
        default=None,
        description="the starting value of a from->to change, in the unit of value (schema minor 1)",
    )
    unit: str
    comparator: Comparator
    raw: str = Field(description="the number, unit and qualifier as written")
    kind: Kind
    status: Status
    stance: str | None = None
    section: str | None = None
    topic: str | None = None
    domains: list[DomainKey] = Field(default_factory=list)
    domain_evidence: list[str] = Field(default_factory=list)


class Project(Model):
    id: str
    name: str
    action: str | None = Field(description="the governing verb as written (开工建设, 续建, 谋划 …)")
    stage: Stage = Field(description="the action normalised: plan < start < continue < complete")
    text: str
    span: Span
    line: int
    status: Status
    section: str | None = None
    topic: str | None = None
    domains: list[DomainKey] = Field(default_factory=list)
    domain_evidence: list[str] = Field(default_factory=list)


class ParseWarning(Model):
    code: str
    message: str
    span: Span | None = None


class Plan(Model):
    schema_version: Literal[1] = 1
    schema_minor: int = Field(default=0, ge=0, description="optional fields added since 1.0 (1: from_value)")
    generator: Generator
    source: Source
    document: Document
    sections: list[Section] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)

    def walk_sections(self) -> Iterator[Section]:
        """Every section at every level, depth first in document order."""
        stack = list(reversed(self.sections))
        while stack:
            s = stack.pop()
            yield s
            stack.extend(reversed(s.sections))

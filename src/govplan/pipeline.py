"""The parse pipeline: read -> fold -> segment -> extract -> assemble, each stage pure.

>>> plan = parse_text("一、2023年工作安排\\n办好人民满意教育。新建学校3所，增加学位2000个。\\n", name="r.txt")
>>> plan.sections[0].topics[0].title
'办好人民满意教育'
"""

from __future__ import annotations

import hashlib

from govplan import __version__
from govplan.ids import IdRegistry, digest, small_number
from govplan.models import SCHEMA_MINOR, Document, Generator, ParseWarning, Plan, Section, Source, Topic
from govplan.normalize import fold
from govplan.options import ParseOptions
from govplan.read import SourceText, read_source
from govplan.segment import Layout, RawSection, RawTopic, segment_text

DEFAULT_OPTIONS = ParseOptions()


def parse_text(
    text: str,
    name: str = "stdin",
    options: ParseOptions = DEFAULT_OPTIONS,
    *,
    bold: list[tuple[int, int]] | None = None,
    encoding: str = "utf-8",
    format: str = "txt",
    sha256: str | None = None,
) -> Plan:
    """Parse decoded report text (newlines already ``\\n``) into a Plan."""
    from govplan.extract.commitments import extract_commitments
    from govplan.extract.domains import DomainDecisions, decide_domains
    from govplan.extract.projects import extract_projects

    view = fold(text)
    layout = segment_text(text, view, options, bold, name=name)
    sections = build_sections(layout)
    commitments = extract_commitments(layout)
    projects = extract_projects(layout)
    domains = decide_domains(layout, commitments, projects, options)
    return Plan(
        schema_minor=SCHEMA_MINOR,
        generator=Generator(version=__version__),
        source=Source(
            name=name,
            sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            encoding=encoding,
            format=format,
            chars=len(text),
        ),
        document=Document(title=layout.title, region=layout.region, year=layout.year, level=layout.level),
        sections=domains.on_sections(sections),
        commitments=DomainDecisions.on_items(commitments, domains.commitments),
        projects=DomainDecisions.on_items(projects, domains.projects),
        warnings=[ParseWarning(code=c, message=m, span=s) for c, m, s in layout.warnings],
    )


def parse_source(source: SourceText, options: ParseOptions = DEFAULT_OPTIONS) -> Plan:
    """Parse an already-read report."""
    return parse_text(
        source.text,
        source.name,
        options,
        bold=source.bold,
        encoding=source.encoding,
        format=source.format,
        sha256=source.sha256,
    )


def parse_file(path: str, options: ParseOptions = DEFAULT_OPTIONS) -> Plan:
    """Read, decode and parse one report file (``-`` for stdin)."""
    return parse_source(read_source(path, options.max_input_bytes), options)


def parse_bytes(data: bytes, name: str, options: ParseOptions = DEFAULT_OPTIONS) -> Plan:
    """Parse report bytes of any supported format and encoding."""
    from govplan.read import source_from_bytes

    return parse_source(source_from_bytes(data, name), options)


def build_sections(layout: Layout) -> list[Section]:
    """Turn the raw tree into contract Sections with stable ids; also sets the raw nodes' ``id``."""
    ids = IdRegistry()
    text = layout.text

    def topic(t: RawTopic, parent_id: str, tids: IdRegistry) -> Topic:
        title = text[t.title[0] : t.title[1]]
        tid = tids.take(f"{parent_id}/t-{digest(title)}")
        t.id = tid
        return Topic(
            id=tid,
            title=title,
            marker=t.marker,
            span=t.title,
            line=layout.line_at(t.title[0]),
            topics=[topic(c, tid, tids) for c in t.children],
        )

    def section(s: RawSection, path: str) -> Section:
        title = text[s.title[0] : s.title[1]]
        if s.number:
            key = f"{path}.{small_number(s.number)}" if path else small_number(s.number)
        else:
            key = f"{path}.h{digest(title, size=4)}" if path else f"h{digest(title, size=4)}"
        sid = ids.take(f"{s.part}-{key}")
        s.id = sid
        tids = IdRegistry()
        return Section(
            id=sid,
            level=s.level,
            number=s.number,
            title=title,
            span=(s.start, s.end),
            line=s.line,
            part=s.part,
            topics=[topic(t, sid, tids) for t in s.topics],
            sections=[section(c, key) for c in s.children],
        )

    return [section(s, "") for s in layout.sections]

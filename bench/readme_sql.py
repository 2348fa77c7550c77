"""Run the SQL examples of README.md's Export section against an export and print their answers.

.venv/bin/govplan export ../shared/corpus/*.txt -o /tmp/corpus.sqlite
.venv/bin/python bench/readme_sql.py /tmp/corpus.sqlite           # print the answers
.venv/bin/python bench/readme_sql.py /tmp/corpus.sqlite --write   # put them into README.md
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
SQL_RE = re.compile(r"```sql\n(.*?)```\n", re.S)


def export_section(readme: str) -> tuple[int, int]:
    """Where the Export section starts and ends."""
    start = readme.index("## Export")
    return start, readme.index("\n## ", start + 5)


def examples(readme: str) -> list[str]:
    """The ```sql blocks of the Export section, in order."""
    start, end = export_section(readme)
    return SQL_RE.findall(readme[start:end])


def answer(con: sqlite3.Connection, sql: str) -> str:
    """The query's rows as a markdown table."""
    cur = con.execute(sql)
    head = [d[0] for d in cur.description]
    rows = [["" if v is None else str(v) for v in row] for row in cur]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows]) + "\n"


def with_answers(readme: str, con: sqlite3.Connection) -> str:
    """README text with the table after each SQL block replaced by the query's answer."""
    start, end = export_section(readme)
    parts = SQL_RE.split(readme[start:end])
    out = [parts[0]]
    for sql, rest in zip(parts[1::2], parts[2::2], strict=True):
        rest = re.sub(r"^\n(?:\|.*\|\n)*", "\n" + answer(con, sql), rest, count=1)
        out += ["```sql\n" + sql + "```\n", rest]
    return readme[:start] + "".join(out) + readme[end:]


if __name__ == "__main__":
    con = sqlite3.connect(sys.argv[1])
    text = README.read_text(encoding="utf-8")
    if "--write" in sys.argv:
        README.write_text(with_answers(text, con), encoding="utf-8")
    else:
        print("\n".join(answer(con, sql) for sql in examples(text)))

"""`drafter fields`: the fields (领域) a topic can belong to, and what each knows."""

from __future__ import annotations

from typing import Annotated

import typer

from drafter.cli.common import BankOption, JsonOption
from drafter.cli.output import console, print_json


def register(app: typer.Typer) -> None:
    app.command(
        "fields",
        help="列出起草时可用的领域（主题所属的工作领域）及各自的要点任务、文件和常报指标。\n\n"
        "List the fields a topic can belong to.\n\n"
        "例 Examples:\n\n"
        "  drafter fields\n\n"
        "  drafter fields --topic 燃气安全      （看看这个主题归入哪个领域）\n\n"
        "  drafter fields --json",
    )(fields_command)


def fields_command(
    topic: Annotated[str | None, typer.Option("--topic", help="只看这个主题归入的领域，以及为什么")] = None,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    from drafter.bank.layers import Bank
    from drafter.fields.resolve import resolve

    catalogue = Bank.open(bank).fields()
    fields = list(catalogue.fields.values())
    why = {}
    if topic is not None:
        matches = resolve(topic, catalogue)
        fields, why = [m.field for m in matches], {m.field.id: m.why for m in matches}
    if as_json:
        print_json([_field_json(f, why.get(f.id)) for f in fields])
        return
    if topic is not None and not fields:
        console().print(f"“{topic}”没有找到所属的领域：起草时用通用素材，可用 --field 指定领域")
        return
    from rich.table import Table

    table = Table(
        title=f"“{topic}”所属的领域" if topic else f"{len(fields)} 个领域（drafter draft 主题 --field 名称 可指定）"
    )
    for column in ("编号", "名称", "也可以写作", "要点任务", "文件和提法", "依据" if topic else "常报指标"):
        table.add_column(column, overflow="fold")
    for f in fields:
        last = why.get(f.id, "") if topic else "、".join(f.indicators[:3])
        table.add_row(f.id, f.name, "、".join(f.aliases), str(len(f.tasks)), str(len(f.facts)), last)
    console().print(table)


def _field_json(f, why: str | None) -> dict[str, object]:
    data: dict[str, object] = {
        "id": f.id,
        "name": f.name,
        "aliases": list(f.aliases),
        "covers": list(f.covers),
        "vocabulary": list(f.vocabulary),
        "indicators": list(f.indicators),
        "tasks": [{"id": t.id, "leads": list(t.leads), "keywords": list(t.keywords)} for t in f.tasks],
        "facts": [
            {
                "id": x.id,
                "kind": x.kind,
                "name": x.name,
                "issuer": x.issuer,
                "date": x.date,
                "valid_from": x.valid_from.isoformat() if x.valid_from else None,
                "valid_until": x.valid_until.isoformat() if x.valid_until else None,
                "source": x.source,
            }
            for x in f.facts
        ],
    }
    if why is not None:
        data["why"] = why
    return data

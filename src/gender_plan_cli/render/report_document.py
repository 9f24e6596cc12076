"""The report as an administrative document (Decree 30/2020/NĐ-CP): who issues it, its number,
place and date, who receives it and who signs it — `rules/report.yaml`, kept by the Department
beside its other rules files, read with file, line and key named for every problem.

    issuer:
      parent: ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI
      name: SỞ NỘI VỤ
    number: 125/BC-SNV
    place: Hà Nội
    date: 2025-12-20
    recipients: [Bộ Nội vụ;, Thường trực Thành ủy;, UBND Thành phố;, "Lưu: VT, CCVC."]
    signer:
      authority: KT. GIÁM ĐỐC
      title: PHÓ GIÁM ĐỐC
      name: Nguyễn Thị Bình

Every field may be left out: the document then has blanks to fill by hand (the number, the day,
the signer's name), never a made-up value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from gender_plan_cli.i18n import text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Issuer(_Strict):
    parent: str | None = None  # the governing body (cơ quan chủ quản)
    name: str | None = None  # the issuing body


class Signer(_Strict):
    authority: str = ""  # TM., KT., Q., TL., TUQ. with the head's title
    title: str = ""
    name: str = ""


class ReportDocument(_Strict):
    issuer: Issuer = Issuer()
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    recipients: list[str] = []
    signer: Signer = Signer()

    def parent(self, lang: str) -> str:
        return self.issuer.parent or text("report.agency.top", lang)

    def body(self, lang: str) -> str:
        return self.issuer.name or text("report.agency.unit", lang)

    def number_line(self, lang: str) -> str:
        return text("report.doc.number", lang, number=self.number or "……/BC-……")

    def date_line(self, lang: str) -> str:
        place = self.place or text("report.doc.place", lang)
        if self.date is None:
            return text("report.doc.date-blank", lang, place=place)
        d = self.date
        return text(
            "report.doc.date",
            lang,
            place=place,
            day=f"{d.day:02}",
            month=f"{d.month:02}",
            year=d.year,
        )

    def recipient_lines(self, lang: str) -> list[str]:
        return ["- " + r for r in self.recipients] or [text("report.doc.recipients-blank", lang)]


def read_report_document(path: Path | None, shown: str | None = None) -> ReportDocument:
    """`rules/report.yaml`, or the blanks when there is none; RulesError names file, line, key."""
    if path is None or not path.is_file():
        return ReportDocument()
    from gender_plan_cli.yamlfile import load_yaml_model

    return load_yaml_model(path, ReportDocument, shown)

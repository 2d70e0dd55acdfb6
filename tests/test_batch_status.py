"""batch: the base's own commune replaced for each commune, and a status that tells the truth."""

from __future__ import annotations

import csv
import io

from bdg_plan.commands.batch.localise import leftovers, localise, plan_unit
from bdg_plan.commands.batch.status import (
    FAILED,
    MISSING,
    OK,
    REVIEW,
    LeftoverMention,
    ReportRow,
    commune_status,
    report_bytes,
)
from bdg_plan.commands.self_reference import Unit
from bdg_plan.errors import Problem, Severity

WARD = {
    "co_quan": {"ten": "Ủy ban nhân dân phường Kỳ Lừa", "ten_goi_tat": "UBND phường", "dia_danh": "Kỳ Lừa"},
    "trich_yeu": "Thực hiện công tác bình đẳng giới trên địa bàn phường Kỳ Lừa năm 2025",
    "can_cu": ["Kế hoạch số 12/KH-UBND ngày 02/01/2025 của UBND phường Kỳ Lừa"],
    "loi_dan": "Ủy ban nhân dân phường Kỳ Lừa ban hành Kế hoạch như sau:",
    "noi_dung": ["Tuyên truyền tại chợ Kỳ Lừa và trên địa bàn phường.", "Phối hợp UBND huyện Kỳ Lừa."],
    "ket_thuc": "Trên đây là Kế hoạch của UBND phường Kỳ Lừa./.",
}
KY_LUA = Unit("phường", "Kỳ Lừa")
DONG_DANG = Unit("xã", "Đồng Đăng")


def test_the_base_unit_is_read_from_co_quan() -> None:
    assert plan_unit(WARD) == KY_LUA
    assert plan_unit({"co_quan": {"ten": "Hội Liên hiệp Phụ nữ"}}) is None


def test_a_ward_base_becomes_a_commune_plan() -> None:
    keep = {("co_quan", "ten"), ("co_quan", "dia_danh")}
    data, rewritten = localise(WARD, KY_LUA, DONG_DANG, keep)
    assert data["trich_yeu"] == "Thực hiện công tác bình đẳng giới trên địa bàn xã Đồng Đăng năm 2025"
    assert data["co_quan"]["ten_goi_tat"] == "UBND xã"
    assert data["loi_dan"] == "Ủy ban nhân dân xã Đồng Đăng ban hành Kế hoạch như sau:"
    assert data["noi_dung"][0] == "Tuyên truyền tại chợ Kỳ Lừa và trên địa bàn xã."
    assert data["ket_thuc"] == "Trên đây là Kế hoạch của UBND xã Đồng Đăng./."
    assert data["can_cu"] == WARD["can_cu"]  # a cited document keeps its identity
    assert data["co_quan"]["ten"] == WARD["co_quan"]["ten"]  # set by the commune itself
    assert WARD["loi_dan"].startswith("Ủy ban nhân dân phường")  # the base is not changed
    assert {(r.path, r.old, r.new) for r in rewritten} >= {
        (("loi_dan",), "phường Kỳ Lừa", "xã Đồng Đăng"),
        (("co_quan", "ten_goi_tat"), "phường", "xã"),
    }


def test_a_leftover_is_the_base_name_not_a_superior_body_nor_a_citation() -> None:
    data, _ = localise(WARD, KY_LUA, DONG_DANG, set())
    found = leftovers(data, KY_LUA, DONG_DANG)
    # "chợ Kỳ Lừa" is left, and the place the commune did not set; "huyện Kỳ Lừa" is another
    # body; the căn cứ is a citation.
    assert [(m.path, m.count) for m in found] == [(("co_quan", "dia_danh"), 1), (("noi_dung", 0), 1)]


def test_no_leftover_where_the_base_name_is_the_communes_own() -> None:
    assert leftovers(WARD, KY_LUA, Unit("xã", "Kỳ Lừa")) == []


def test_leftovers_are_found_in_any_case() -> None:
    data = {"loi_dan": "KẾ HOẠCH CHO CHỢ KỲ LỪA; chợ kỳ lừa"}
    assert [m.count for m in leftovers(data, KY_LUA, DONG_DANG)] == [2]


def problem(code: str, message: str, severity: Severity = Severity.WARNING, line: int = 3) -> Problem:
    return Problem("goc.yaml", line, 5, code, message, severity)


def test_each_status_says_what_is_missing() -> None:
    error = problem("wrong-type", "Cần một đoạn văn bản.", Severity.ERROR)
    unfilled = problem("unfilled", "Chỗ này chưa điền: '<<ĐIỀN VÀO ĐÂY - họ tên người ký>>'.")
    warning = problem("typed-mark", "Gạch đầu dòng gõ tay.")
    left = LeftoverMention("Kỳ Lừa", 3, (12, 40))
    assert commune_status([warning], None, None).kind == OK
    assert commune_status([warning], None, None).ready
    assert commune_status([warning], None, None).details == ("goc.yaml:3:5: Gạch đầu dòng gõ tay.",)
    status = commune_status([unfilled, warning], None, left)
    assert (status.kind, status.text) == (MISSING, "chưa đủ: họ tên người ký")
    status = commune_status([warning], None, left)
    assert status.kind == REVIEW
    assert status.text == "cần xem lại: còn nhắc 'Kỳ Lừa' 3 lần (dòng 12, 40 của kế hoạch gốc)"
    status = commune_status([unfilled, error], None, left)
    assert (status.kind, status.text) == (FAILED, "lỗi: goc.yaml:3:5: Cần một đoạn văn bản.")
    assert commune_status([], "Không ghi được tệp.", None).text == "lỗi: Không ghi được tệp."


def test_the_report_opens_in_excel_with_every_problem() -> None:
    unfilled = problem("unfilled", "Chỗ này chưa điền: '<<ĐIỀN VÀO ĐÂY - họ tên người ký>>'.")
    rows = [
        ReportRow(1, "xã Đồng Đăng", "xa-dong-dang.docx", commune_status([], None, None)),
        ReportRow(2, "=HYPERLINK(1)", "x.docx", commune_status([unfilled], None, None)),
    ]
    data = report_bytes(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0][:4] == ["STT", "Xã, phường", "Tệp", "Trạng thái"]
    assert table[1] == ["1", "xã Đồng Đăng", "xa-dong-dang.docx", "đạt", ""]
    assert table[2][1] == "'=HYPERLINK(1)"  # never a formula
    assert table[2][3] == "chưa đủ: họ tên người ký"
    assert table[2][4].startswith("goc.yaml:3:5: Chỗ này chưa điền")

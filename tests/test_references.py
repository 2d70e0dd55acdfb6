"""Recognising cited documents in the clerk's own sentences (bdg_plan.rules.citations)."""

from __future__ import annotations

import datetime as dt

import pytest

from bdg_plan.rules.citations import recognise

D = dt.date

# (sentence, type, number and symbol, date, issuing body, summary starts with)
CASES = [
    (
        "Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành Chiến lược quốc gia về "
        "bình đẳng giới giai đoạn 2021 - 2030;",
        "Nghị quyết",
        "28/NQ-CP",
        D(2021, 3, 3),
        "Chính phủ",
        "ban hành Chiến lược quốc gia",
    ),
    (
        "Căn cứ Công văn số 739/BNV-CTTN&BĐG ngày 28/2/2025 của Bộ Nội vụ về việc hướng dẫn triển khai "
        "công tác bình đẳng giới năm 2025;",
        "Công văn",
        "739/BNV-CTTN&BĐG",
        D(2025, 2, 28),
        "Bộ Nội vụ",
        "việc hướng dẫn triển khai",
    ),
    (
        "Thực hiện Kế hoạch số 108/KH-UBND, ngày 06/3/2023 của UBND huyện Cao Lộc về thực hiện công tác "
        "Bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2023,",
        "Kế hoạch",
        "108/KH-UBND",
        D(2023, 3, 6),
        "UBND huyện Cao Lộc",
        "thực hiện công tác Bình đẳng giới",
    ),
    (
        "Căn cứ Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ phê duyệt Chương trình "
        "phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025;",
        "Quyết định",
        "2232/QĐ-TTg",
        D(2020, 12, 28),
        "Thủ tướng Chính phủ",
        "phê duyệt Chương trình",
    ),
    (
        "Căn cứ Thông báo số 45/TB-UBND ngày 05/02/2025 của Ủy ban nhân dân tỉnh Lạng Sơn về kết luận của "
        "Chủ tịch UBND tỉnh;",
        "Thông báo",
        "45/TB-UBND",
        D(2025, 2, 5),
        "Ủy ban nhân dân tỉnh Lạng Sơn",
        "kết luận của Chủ tịch",
    ),
    (
        "Căn cứ Kế hoạch số 25/KH-UBND ngày 14/01/2025 của UBND tỉnh Lạng Sơn thực hiện Chiến lược quốc "
        "gia về bình đẳng giới năm 2025;",
        "Kế hoạch",
        "25/KH-UBND",
        D(2025, 1, 14),
        "UBND tỉnh Lạng Sơn",
        "thực hiện Chiến lược quốc gia",
    ),
    (
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;",
        "Luật",
        None,
        D(2006, 11, 29),
        None,
        None,
    ),
    (
        "Thực hiện Công văn số 1520/SLĐTBXH-BĐG ngày 3/10/2024 của Sở Lao động - Thương binh và Xã hội "
        "tỉnh Bắc Giang về việc tổ chức Tháng hành động vì bình đẳng giới năm 2024,",
        "Công văn",
        "1520/SLĐTBXH-BĐG",
        D(2024, 10, 3),
        "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
        "việc tổ chức Tháng hành động",
    ),
    (
        "Căn cứ Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị về công tác phụ nữ thời kỳ đẩy mạnh "
        "công nghiệp hóa, hiện đại hóa đất nước;",
        "Nghị quyết",
        "11-NQ/TW",
        D(2007, 4, 27),
        "Bộ Chính trị",
        "công tác phụ nữ",
    ),
    (
        "Căn cứ Quyết định số 1203/QĐ-UBND ngày 02 tháng 7 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh "
        "Tuyên Quang về việc kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh;",
        "Quyết định",
        "1203/QĐ-UBND",
        D(2025, 7, 2),
        "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang",
        "việc kiện toàn Ban",
    ),
    (
        "Căn cứ Kế hoạch số 112/KH-UBND ngày 8/4/2025 của UBND tỉnh triển khai Chương trình truyền thông "
        "về bình đẳng giới đến năm 2030;",
        "Kế hoạch",
        "112/KH-UBND",
        D(2025, 4, 8),
        "UBND tỉnh",
        "triển khai Chương trình truyền thông",
    ),
    (
        "Thực hiện Thông báo số 07/TB-VP ngày 09/01/2025 của Văn phòng UBND tỉnh thông báo ý kiến kết luận "
        "của đồng chí Phó Chủ tịch UBND tỉnh,",
        "Thông báo",
        "07/TB-VP",
        D(2025, 1, 9),
        "Văn phòng UBND tỉnh",
        "thông báo ý kiến kết luận",
    ),
    (
        "Căn cứ Nghị quyết số 66/NQ-HĐND ngày 10/12/2024 của Hội đồng nhân dân xã về nhiệm vụ phát triển "
        "kinh tế - xã hội năm 2025;",
        "Nghị quyết",
        "66/NQ-HĐND",
        D(2024, 12, 10),
        "Hội đồng nhân dân xã",
        "nhiệm vụ phát triển kinh tế",
    ),
    (
        "Căn cứ Công văn số 2185/UBND-KGVX ngày 16/10/2025 của UBND tỉnh Lạng Sơn về hưởng ứng Tháng hành "
        "động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2025;",
        "Công văn",
        "2185/UBND-KGVX",
        D(2025, 10, 16),
        "UBND tỉnh Lạng Sơn",
        "hưởng ứng Tháng hành động",
    ),
    (
        "Căn cứ Quyết định số 939/QĐ-TTg ngày 30/6/2017 của Thủ tướng Chính phủ về phê duyệt Đề án "
        '"Hỗ trợ phụ nữ khởi nghiệp giai đoạn 2017 - 2025";',
        "Quyết định",
        "939/QĐ-TTg",
        D(2017, 6, 30),
        "Thủ tướng Chính phủ",
        "phê duyệt Đề án",
    ),
    (
        "Thực hiện Kế hoạch số 05/KH-HLHPN ngày 15/01/2025 của Ban Thường vụ Hội Liên hiệp Phụ nữ tỉnh,",
        "Kế hoạch",
        "05/KH-HLHPN",
        D(2025, 1, 15),
        "Ban Thường vụ Hội Liên hiệp Phụ nữ tỉnh",
        None,
    ),
    (
        "Căn cứ Thông báo số 12/TB-UBND của UBND xã về lịch làm việc tháng 11 năm 2025;",
        "Thông báo",
        "12/TB-UBND",
        None,
        "UBND xã",
        "lịch làm việc",
    ),
    (
        "Căn cứ văn bản số 88/UBND-VX ngày 20/02/2025 của UBND xã;",
        None,
        "88/UBND-VX",
        D(2025, 2, 20),
        "UBND xã",
        None,
    ),
]


@pytest.mark.parametrize(("text", "loai", "so_ky_hieu", "ngay", "co_quan", "summary"), CASES)
def test_recognises_a_citation(
    text: str,
    loai: str | None,
    so_ky_hieu: str | None,
    ngay: D | None,
    co_quan: str | None,
    summary: str | None,
) -> None:
    found = recognise(text)
    assert found.text == text
    assert (found.loai, found.so_ky_hieu, found.ngay, found.co_quan) == (loai, so_ky_hieu, ngay, co_quan)
    if summary is None:
        assert found.trich_yeu is None
    else:
        assert found.trich_yeu is not None and found.trich_yeu.startswith(summary)
    assert found.recognised


def test_the_date_is_kept_as_written() -> None:
    found = recognise("Căn cứ Công văn số 739/BNV-CTTN&BĐG ngày 28/2/2025 của Bộ Nội vụ;")
    assert found.date_text == "28/2/2025"
    assert (
        recognise("Căn cứ Quyết định số 1/QĐ-UBND ngày 02 tháng 7 năm 2025;").date_text
        == "02 tháng 7 năm 2025"
    )


def test_an_impossible_date_is_written_but_not_a_date() -> None:
    found = recognise("Căn cứ Kế hoạch số 3/KH-UBND ngày 30/2/2025 của UBND xã;")
    assert found.date_text == "30/2/2025" and found.ngay is None


def test_a_date_in_the_summary_is_not_the_issue_date() -> None:
    found = recognise("Căn cứ Kế hoạch số 9/KH-UBND của UBND tỉnh về Tháng hành động từ ngày 15/11/2025;")
    assert found.ngay is None and found.co_quan == "UBND tỉnh"


@pytest.mark.parametrize(
    "text",
    [
        "Theo đề nghị của công chức Văn hóa - Xã hội xã,",
        "Để triển khai có hiệu quả công tác bình đẳng giới trên địa bàn xã,",
        "Ủy ban nhân dân xã xây dựng Kế hoạch như sau:",
    ],
)
def test_a_sentence_that_cites_nothing_is_not_recognised(text: str) -> None:
    found = recognise(text)
    assert not found.recognised
    assert (found.loai, found.so_ky_hieu, found.ngay) == (None, None, None)

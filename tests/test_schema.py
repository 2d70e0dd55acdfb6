"""The published JSON Schema matches the model, accepts every example and rejects mistyped keys."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from bdg_plan.cli.app import app
from bdg_plan.commands.schema import (
    SCHEMA_PATH,
    iter_keys,
    keys_table,
    plan_json_schema,
    schema_text,
)
from bdg_plan.plan.field_types import title_from_description
from bdg_plan.plan.model import Plan
from tests.conftest import EXAMPLE_PLAN, EXAMPLES, ROOT

PUBLISHED = ROOT / SCHEMA_PATH
#: The plans in examples/ (a mapping at the top); lists of communes for `batch` are not plans.
EXAMPLE_FILES = [
    path
    for path in sorted(EXAMPLES.glob("*.yaml"))
    if not path.name.startswith("communes")
    if isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)
]
MODELINE = "# yaml-language-server: $schema=../schema/bdg-plan.schema.json"


def as_json(value: Any) -> Any:
    """YAML data as JSON sees it: PyYAML reads 2023-03-06 as a date, editors read a string."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_example(path: Path = EXAMPLE_PLAN) -> Any:
    return as_json(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_the_example_plan_is_checked() -> None:
    assert EXAMPLE_PLAN in EXAMPLE_FILES


def test_published_schema_is_up_to_date() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "schema/bdg-plan.schema.json is out of date: run "
        " bdg-plan schema -o schema/bdg-plan.schema.json --force"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = plan_json_schema()

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[path.name for path in EXAMPLE_FILES])
def test_every_example_points_to_the_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[path.name for path in EXAMPLE_FILES])
def test_every_example_is_valid_against_the_schema(path: Path, validator: Any) -> None:
    errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(load_example(path))]

    assert errors == []


def set_path(data: Any, path: tuple[str | int, ...], key: str) -> None:
    """Rename the last key of `path` inside `data` to `key` (a typo)."""
    *parents, last = path
    for step in parents:
        data = data[step]
    data[key] = data.pop(last)


def all_errors(errors: Any) -> list[Any]:
    found = []
    for error in errors:
        found.append(error)
        found.extend(all_errors(error.context or []))
    return found


@pytest.mark.parametrize(
    ("path", "typo"),
    [
        (("trich_yeu",), "trich_yue"),
        (("nguoi_ky", "ho_ten"), "hoten"),
        (("co_quan", "dia_danh"), "dia_danhh"),
        (("can_cu", 0, "so_ky_hieu"), "so_hieu"),
        (("noi_dung", 0, "ten"), "tieu_de"),
        (("thang_hanh_dong", "tu"), "tu_ngay"),
    ],
)
def test_a_mistyped_key_is_rejected(path: tuple[str | int, ...], typo: str, validator: Any) -> None:
    data = copy.deepcopy(load_example())
    set_path(data, path, typo)

    # Errors under "anyOf" (an optional block) are nested in the error's context.
    messages = [error.message for error in all_errors(validator.iter_errors(data))]

    assert any(f"'{typo}' was unexpected" in message for message in messages), messages


def test_wrong_types_are_rejected(validator: Any) -> None:
    data = copy.deepcopy(load_example())
    data["nam"] = "hai nghìn"
    data["nguoi_ky"]["tham_quyen"] = "KT"

    assert len(list(validator.iter_errors(data))) == 2


def _refers_to_a_block(prop: dict[str, Any]) -> bool:
    """A key whose value is a block: editors show that block's own title."""
    members = [prop, *prop.get("allOf", []), *prop.get("anyOf", [])]
    return any("$ref" in member for member in members)


def test_every_block_has_a_vietnamese_title_and_description() -> None:
    schema = plan_json_schema()
    blocks = {"Plan": schema, **schema["$defs"]}

    for name, block in blocks.items():
        # Set by the model itself (`fields.block_texts`), never pydantic's English defaults.
        assert block["title"] != name and block["description"], name
        assert not block["description"].isascii(), f"{name}: {block['description']!r}"
        for key, prop in block.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key} has no description"
            if "title" in prop:
                assert prop["title"] == title_from_description(prop["description"])
                assert 0 < len(prop["title"]) <= 60, f"{name}.{key}: title {prop['title']!r}"
            else:
                assert _refers_to_a_block(prop), f"{name}.{key} has no title"


@pytest.mark.parametrize(
    ("description", "title"),
    [
        ("Năm kế hoạch, ví dụ 2023.", "Năm kế hoạch"),
        ("Số văn bản (ô số 3): để trống ...", "Số văn bản"),
        ("Ngày ban hành (ô số 4): 2023-03-06, hoặc 2023-03.", "Ngày ban hành"),
        ("Các khoản của mục (bdg-plan tự đánh số 1., 2., 3.).", "Các khoản của mục"),
        ("Các điểm a), b), c)... của khoản.", "Các điểm a), b), c)... của khoản"),
        ("Câu kết của kế hoạch; bdg-plan thêm dấu './.'.", "Câu kết của kế hoạch"),
        ("Đơn vị chủ trì thực hiện.", "Đơn vị chủ trì thực hiện"),
    ],
)
def test_title_from_description(description: str, title: str) -> None:
    assert title_from_description(description) == title


def test_examples_in_the_schema_are_valid_values() -> None:
    """Every `examples` value the schema shows a clerk is itself accepted by its property."""
    schema = plan_json_schema()
    for block in [schema, *schema["$defs"].values()]:
        for key, prop in block["properties"].items():
            for example in prop.get("examples", []):
                sub = {"$defs": schema["$defs"], **{k: v for k, v in prop.items() if k != "examples"}}
                assert jsonschema.Draft202012Validator(sub).is_valid(example), (key, example)


def test_every_key_has_an_english_meaning() -> None:
    assert [row.path for row in iter_keys() if not row.english] == []


def test_keys_table_lists_every_key_once() -> None:
    table = keys_table()
    paths = [row.path for row in iter_keys()]

    assert len(paths) == len(set(paths))
    for name in Plan.model_fields:
        assert f"| `{name}` |" in table
    assert "| `nguoi_ky.ho_ten` |" in table
    assert "| `noi_dung[].cac_diem[].ten` |" in table
    # A block used again is not listed twice: its keys are under its first use.
    assert "`to_chuc_thuc_hien[].ten`" not in table


def test_cli_prints_the_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])

    assert result.exit_code == 0
    assert json.loads(result.stdout) == plan_json_schema()


def test_cli_writes_the_schema_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "bdg-plan.schema.json"

    result = CliRunner().invoke(app, ["schema", "-o", str(target)], env={"COLUMNS": "200"})

    assert result.exit_code == 0, result.output
    assert "Đã ghi lược đồ JSON" in result.output
    assert target.read_text(encoding="utf-8") == schema_text()


def test_cli_replaces_an_existing_file_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"  # `schema -o plan.yaml` must not destroy a plan
    target.write_text("nam: 2024\n", encoding="utf-8")

    refused = CliRunner().invoke(app, ["schema", "-o", str(target)], env={"COLUMNS": "200"})

    assert refused.exit_code == 1
    assert "--force" in refused.output
    assert target.read_text(encoding="utf-8") == "nam: 2024\n"

    forced = CliRunner().invoke(app, ["schema", "-o", str(target), "--force"], env={"COLUMNS": "200"})

    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") == schema_text()


def test_cli_refuses_a_folder_as_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "-o", str(tmp_path)], env={"COLUMNS": "200"})

    assert result.exit_code == 1
    assert "là một thư mục" in result.output


#: Words by which a description says where its key prints (or that it does not): "in" (print), a
#: box of Decree 30 ("ô số"), a column, a paragraph, a line, a bullet, a level, a table, an annex.
WHERE_IT_PRINTS = re.compile(
    r"(?<!\w)[Ii]n(?!\w)|ô số|[Cc]ột|[Đđ]oạn|[Dd]òng|ý gạch|ý nhỏ|khoản|[Mm]ục|[Bb]ảng|[Pp]hụ lục"
    r"|tự đánh|tự thêm|[Nn]hãn|[Tt]iêu đề"
)


def test_every_key_says_where_it_prints() -> None:
    # A key that looks as if it prints but never does is a defect; its description must say so.
    silent = [row.path for row in iter_keys() if not WHERE_IT_PRINTS.search(row.description)]
    assert silent == []

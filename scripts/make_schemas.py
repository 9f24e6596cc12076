"""Write src/gender_plan_cli/render/schemas/*.json from the models (a test fails when they are stale)."""

from __future__ import annotations

from gender_plan_cli.render.schema import NAMES, SCHEMAS, build


def main() -> None:
    SCHEMAS.mkdir(exist_ok=True)
    for name in NAMES:
        (SCHEMAS / f"{name}.json").write_text(build(name), encoding="utf-8")
        print(SCHEMAS / f"{name}.json")
    from gender_plan_cli.portal import schemas as portal

    portal.SCHEMAS.mkdir(exist_ok=True)
    for name in portal.NAMES:
        (portal.SCHEMAS / f"{name}.json").write_text(portal.build(name), encoding="utf-8")
        print(portal.SCHEMAS / f"{name}.json")


if __name__ == "__main__":
    main()

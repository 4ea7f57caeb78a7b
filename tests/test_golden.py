"""The golden site: its built HTML equals the checked-in expected tree, file for file."""

import filecmp

from sitetools.golden import GOLDEN, build_golden, differences


def test_golden_site_matches(tmp_path):
    output = build_golden(tmp_path / "output")
    changed = differences(output, GOLDEN / "expected")
    assert changed == [], (
        "the built golden site differs in: "
        + ", ".join(changed)
        + "; review the diff, then run `./blog update-golden` if it is intended"
    )
    assert filecmp.cmp(
        output / "artikelen" / "cijfers.html",
        GOLDEN / "expected" / "artikelen" / "cijfers.html",
        shallow=False,
    )

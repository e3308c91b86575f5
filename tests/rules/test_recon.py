"""Phase 3, reconnaissance: sorties lost at `recon_loss_chance` times the enemy's share of the
day's patrols; each enemy battery spotted with 1 - (1 - recon_spot_chance)^survivors, for
`spot_days` days."""

from __future__ import annotations

from game.scenario.orders import AirSortie
from tests.builder import tiny
from tests.rules.expect import SEEDS, assert_count, assert_mean, days, entry

RECON = 5


def test_unopposed_recon_spots_each_battery_with_the_formula():
    sc = tiny()
    p = 1 - (1 - sc.rule("recon_spot_chance")) ** RECON
    last_day = 0 + int(sc.rule("spot_days")) - 1  # spotted today and the next spot_days - 1
    spotted = {"prc_guns": 0, "prc_coastal": 0}
    for after, report in days(
        sc, [], [AirSortie(air_unit="roc_f86", sorties=RECON, mission="recon")]
    ):
        data = entry(report, "recon")
        assert data["lost"] == 0 and data["chance"] == round(p, 3)  # no PLA patrol: no losses
        for gid in spotted:
            until = after.groups[gid].spotted_until
            assert until in (-1, last_day)
            assert (until == last_day) == (gid in data["spotted"])
            spotted[gid] += until == last_day
        assert after.groups["roc_guns"].spotted_until == -1  # not the ROC's own
    for gid, n in spotted.items():
        assert_count(n, len(SEEDS), p, f"{gid} spotted")


def test_recon_losses_follow_the_enemy_share_of_the_patrols():
    sc = tiny()
    sorties, patrol = 10, 30
    share = patrol / (patrol + 0 + 1.0)  # enemy patrols / (enemy + own patrols + 1)
    q = sc.rule("recon_loss_chance") * share
    keep = 1 - sc.rule("recon_spot_chance")
    lost, spotted = [], 0
    for after, _ in days(
        sc,
        [AirSortie(air_unit="prc_mig", sorties=patrol)],
        [AirSortie(air_unit="roc_f86", sorties=sorties, mission="recon")],
    ):
        lost.append(after.totals["aircraft_lost.roc"])
        spotted += after.groups["prc_guns"].spotted_until >= 0
    assert_mean(lost, sorties * q, sorties * q * (1 - q), "recon aircraft lost")
    # survivors L ~ Binomial(sorties, 1 - q): P(spot) = 1 - E[keep^L] = 1 - (q + keep(1-q))^n
    assert_count(spotted, len(SEEDS), 1 - (q + keep * (1 - q)) ** sorties, "spotted")


def test_a_battery_not_yet_arrived_is_never_spotted():
    """A battery that arrives later (`available_from`) is not there to be seen: it is never
    spotted before it arrives (the 8-inch batteries of 26 September were shown "spotted by
    the enemy" in August), while the chance is still drawn so the others' draws stay."""
    import copy
    from dataclasses import replace
    from datetime import timedelta

    base = tiny()
    sc = copy.deepcopy(base)
    i = next(k for k, g in enumerate(sc.artillery) if g.id == "prc_guns")
    sc.artillery[i] = replace(sc.artillery[i], available_from=sc.meta.start + timedelta(days=5))
    recon = [AirSortie(air_unit="roc_f86", sorties=RECON, mission="recon")]
    late = list(days(sc, [], recon))
    now = list(days(base, [], recon))
    assert all(after.groups["prc_guns"].spotted_until == -1 for after, _ in late)
    assert all("prc_guns" not in entry(r, "recon")["spotted"] for _, r in late)
    assert any(after.groups["prc_guns"].spotted_until >= 0 for after, _ in now)
    # the battery that has arrived is spotted on the same seeds as before
    for (a, _), (b, _) in zip(late, now, strict=True):
        assert a.groups["prc_coastal"].spotted_until == b.groups["prc_coastal"].spotted_until

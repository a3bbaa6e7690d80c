from hicoop.engine.progress import IndicatorState, MilestoneState, item_progress, rollup


class TestItemProgress:
    def test_given_milestones_and_indicators_then_each_counts_half(self) -> None:
        result = item_progress(
            [MilestoneState(1, True), MilestoneState(3, False)],
            [IndicatorState(target=10, actual=5), IndicatorState(target=2, actual=4)],
        )
        assert result.milestones == 0.25
        assert result.indicators == 0.75  # 0.5 and a capped 1.0
        assert result.value == 0.5

    def test_given_only_milestones_then_their_share_is_the_progress(self) -> None:
        assert item_progress([MilestoneState(1, True), MilestoneState(1, False)], []).value == 0.5

    def test_given_nothing_then_zero_unless_completed(self) -> None:
        assert item_progress([], []).value == 0.0
        assert item_progress([], [], completed=True).value == 1.0

    def test_negative_or_zero_targets_do_not_break_attainment(self) -> None:
        assert IndicatorState(target=0, actual=5).attainment == 0.0
        assert IndicatorState(target=5, actual=-1).attainment == 0.0


class TestRollup:
    def test_weighted_mean(self) -> None:
        assert rollup([(1, 1.0), (3, 0.0)]) == 0.25

    def test_empty_is_zero(self) -> None:
        assert rollup([]) == 0.0

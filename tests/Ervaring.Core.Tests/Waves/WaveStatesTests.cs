using Ervaring.Core.Waves;

namespace Ervaring.Core.Tests.Waves;

/// <summary>The wave's one state machine: its moves, and per operation where it is allowed and what it says otherwise.</summary>
public class WaveStatesTests
{
    [Fact]
    public void The_yearly_cycle_moves_forward_only()
    {
        WaveState[] cycle = [WaveState.Draft, WaveState.Sampled, WaveState.Fielding, WaveState.Closed, WaveState.Published];
        for (var i = 0; i + 1 < cycle.Length; i++)
            Assert.True(WaveStates.CanMove(cycle[i], cycle[i + 1]), $"{cycle[i]} → {cycle[i + 1]}");
        // No way back once the invitations have gone out.
        Assert.False(WaveStates.CanMove(WaveState.Fielding, WaveState.Sampled));
        Assert.False(WaveStates.CanMove(WaveState.Closed, WaveState.Fielding));
        Assert.False(WaveStates.CanMove(WaveState.Published, WaveState.Closed));
        Assert.Equal("Een meting met status 'gesloten' kan niet naar 'in veld'. Toegestaan vanaf 'gesloten': 'gepubliceerd'.",
            WaveStates.WhyNot(WaveState.Closed, WaveState.Fielding));
    }

    public static TheoryData<WaveOperation, WaveState[]> AllowedIn => new()
    {
        { WaveOperation.ChangeFrame, [WaveState.Draft, WaveState.Sampled] },
        { WaveOperation.DrawSample, [WaveState.Draft, WaveState.Sampled] },
        { WaveOperation.UseInvitations, [WaveState.Sampled, WaveState.Fielding] },
        { WaveOperation.StartFielding, [WaveState.Sampled] },
        { WaveOperation.Answer, [WaveState.Fielding] },
        { WaveOperation.Remind, [WaveState.Fielding] },
        { WaveOperation.MixResponses, [WaveState.Fielding, WaveState.Closed] },
        { WaveOperation.Close, [WaveState.Fielding] },
        { WaveOperation.Purge, [WaveState.Closed, WaveState.Published] },
        { WaveOperation.ComputeResults, [WaveState.Fielding, WaveState.Closed, WaveState.Published] },
        { WaveOperation.PreviewReport, [WaveState.Closed, WaveState.Published] },
        { WaveOperation.SelectQuotes, [WaveState.Closed, WaveState.Published] },
        { WaveOperation.WriteReportText, [WaveState.Closed, WaveState.Published] },
        { WaveOperation.Publish, [WaveState.Closed, WaveState.Published] },
        { WaveOperation.RecordFollowUp, [WaveState.Published] },
    };

    [Theory]
    [MemberData(nameof(AllowedIn))]
    public void Each_operation_is_allowed_in_its_states_and_refused_in_Dutch_elsewhere(WaveOperation operation, WaveState[] allowed)
    {
        foreach (var state in Enum.GetValues<WaveState>())
        {
            Assert.Equal(allowed.Contains(state), state.Allows(operation));
            var why = state.WhyNot(operation);
            if (allowed.Contains(state)) Assert.Null(why);
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(why));
                Assert.DoesNotContain("{0}", why, StringComparison.Ordinal);
                Assert.DoesNotContain(operation.ToString(), why, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_operation_has_a_rule()
    {
        var covered = AllowedIn.Select(row => (WaveOperation)row[0]).ToHashSet();
        Assert.Equal(Enum.GetValues<WaveOperation>().ToHashSet(), covered);
    }

    [Fact]
    public void An_operation_that_is_a_move_agrees_with_the_moves()
    {
        foreach (var state in Enum.GetValues<WaveState>())
        {
            Assert.Equal(WaveStates.CanMove(state, WaveState.Fielding), state.Allows(WaveOperation.StartFielding));
            Assert.Equal(WaveStates.CanMove(state, WaveState.Closed), state.Allows(WaveOperation.Close));
            Assert.Equal(WaveStates.CanMove(state, WaveState.Published), state.Allows(WaveOperation.Publish));
        }
        Assert.Equal("Een meting met status 'in veld' kan niet naar 'gepubliceerd'. Toegestaan vanaf 'in veld': 'gesloten'.",
            WaveState.Fielding.WhyNot(WaveOperation.Publish));
    }
}

using System.Text;
using Ervaring.Core.Invitations;
using Ervaring.Core.Sampling;
using Ervaring.Core.Tests.Sampling;

namespace Ervaring.Core.Tests.Invitations;

public class InvitationPlannerTests
{
    [Fact]
    public void One_invitation_per_audience_with_hashed_tokens()
    {
        var pepper = new byte[32];
        var tokenKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var frame = TestFrames.Build(2000);
        var design = new SamplingDesign { SampleSize = new SampleSizeOptions(ExpectedResponseRate: 0.3) };
        var draw = Sampler.Draw(frame, design, TestFrames.Seed(4), 0.2);
        var invitations = InvitationPlanner.Issue("w1", frame, draw, design, AudienceRule.Default, tokenKey, pepper);

        var ages = frame.Records.ToDictionary(r => r.ClientReference, r => r.Age);
        var expected = draw.AllSelected.Sum(r => AudienceRule.Default.For(ages[r]).Count);
        Assert.Equal(expected, invitations.Count);
        Assert.All(invitations.Where(i => ages[i.ClientReference] is >= 12 and <= 17), i => Assert.Equal(2, invitations.Count(j => j.ClientReference == i.ClientReference)));
        Assert.All(invitations, i => Assert.Equal(TokenHasher.Hash(pepper, i.LinkToken), i.LinkTokenHash));
        Assert.Equal(invitations.Count, invitations.Select(i => i.LinkToken).Distinct().Count());
        Assert.Equal(invitations.Count, invitations.Select(i => i.ShortCode).Distinct().Count());
        // The tokens can be derived again from the invitation id and the key, and only with the key.
        Assert.All(invitations, i => Assert.Equal(DerivedTokens.LinkToken(tokenKey, "w1", i.InvitationId), i.LinkToken));
        Assert.All(invitations, i => Assert.NotEqual(DerivedTokens.LinkToken(new byte[32], "w1", i.InvitationId), i.LinkToken));
        Assert.All(invitations, i => Assert.True(LinkToken.IsWellFormed(i.LinkToken)));
        Assert.All(invitations, i => Assert.True(ShortCode.TryParse(i.ShortCode.ToLowerInvariant(), out var parsed) && parsed == i.ShortCode));

    }
}

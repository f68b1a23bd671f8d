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
        var frame = TestFrames.Build(2000);
        var design = new SamplingDesign { SampleSize = new SampleSizeOptions(ExpectedResponseRate: 0.3) };
        var draw = Sampler.Draw(frame, design, TestFrames.Seed(4), 0.2);
        var invitations = InvitationPlanner.Issue(frame, draw, design, AudienceRule.Default, pepper);

        var ages = frame.Records.ToDictionary(r => r.ClientReference, r => r.Age);
        var expected = draw.AllSelected.Sum(r => AudienceRule.Default.For(ages[r]).Count);
        Assert.Equal(expected, invitations.Count);
        Assert.All(invitations.Where(i => ages[i.ClientReference] is >= 12 and <= 17), i => Assert.Equal(2, invitations.Count(j => j.ClientReference == i.ClientReference)));
        Assert.All(invitations, i => Assert.Equal(TokenHasher.Hash(pepper, i.LinkToken), i.LinkTokenHash));
        Assert.Equal(invitations.Count, invitations.Select(i => i.LinkToken).Distinct().Count());

        var csv = Encoding.UTF8.GetString(InvitationPlanner.MailMergeCsv(invitations, "https://ervaring.example/u/"));
        Assert.StartsWith("\uFEFFclientreferentie;doelgroep;link;code\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"https://ervaring.example/u/{invitations[0].LinkToken};{invitations[0].ShortCodeDisplay}", csv, StringComparison.Ordinal);
    }
}

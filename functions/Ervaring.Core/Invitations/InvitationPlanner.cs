using Ervaring.Core.Csv;
using Ervaring.Core.Frames;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Invitations;

/// <summary>
/// An issued invitation. The raw link token and short code exist only in memory (derived from the
/// invitation id with the token key, see <see cref="DerivedTokens"/>); storage keeps
/// <see cref="LinkTokenHash"/> and <see cref="ShortCodeHash"/>.
/// </summary>
public sealed record IssuedInvitation(
    string InvitationId,
    string ClientReference,
    Audience Audience,
    string StratumKey,
    string AgeBand,
    string LinkToken,
    string ShortCode,
    string LinkTokenHash,
    string ShortCodeHash)
{
    /// <summary>The short code as printed: XXXX-XXXX-XXXX.</summary>
    public string ShortCodeDisplay => Invitations.ShortCode.Format(ShortCode);
}

/// <summary>Turns a drawn sample into invitations: one per audience the audience rule gives.</summary>
public static class InvitationPlanner
{
    /// <param name="tokenKey">Secret that derives tokens from invitation ids.</param>
    /// <param name="pepper">Secret for the stored keyed hashes.</param>
    public static IReadOnlyList<IssuedInvitation> Issue(
        string waveId, Frame frame, SampleDraw draw, SamplingDesign design, AudienceRule rule, ReadOnlySpan<byte> tokenKey, ReadOnlySpan<byte> pepper)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(rule);
        var byReference = new Dictionary<string, FrameRecord>(frame.Count, StringComparer.Ordinal);
        foreach (var record in frame.Records)
        {
            byReference[record.ClientReference] = record;
        }

        var result = new List<IssuedInvitation>();
        foreach (var stratum in draw.Strata)
        {
            foreach (var reference in stratum.Selected)
            {
                var record = byReference[reference];
                var band = design.AgeBands.Find(record.Age)?.Label ?? FrameComposition.OutsideBands;
                foreach (var audience in rule.For(record.Age))
                {
                    var id = DerivedTokens.NewInvitationId();
                    var link = DerivedTokens.LinkToken(tokenKey, waveId, id);
                    var code = DerivedTokens.ShortCode(tokenKey, waveId, id);
                    result.Add(new IssuedInvitation(id, reference, audience, stratum.Key, band, link, code, TokenHasher.Hash(pepper, link), TokenHasher.Hash(pepper, code)));
                }
            }
        }

        return result;
    }

}

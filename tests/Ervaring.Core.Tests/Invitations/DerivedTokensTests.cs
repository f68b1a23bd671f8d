using Ervaring.Core.Invitations;

namespace Ervaring.Core.Tests.Invitations;

public class DerivedTokensTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void Invitation_ids_carry_128_random_bits()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => DerivedTokens.NewInvitationId()).ToList();
        Assert.All(ids, id => Assert.Equal(32, id.Length));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Tokens_depend_on_key_wave_and_invitation()
    {
        var token = DerivedTokens.LinkToken(Key, "wave-a", "00ff");
        Assert.Equal(token, DerivedTokens.LinkToken(Key, "wave-a", "00ff"));
        Assert.NotEqual(token, DerivedTokens.LinkToken(Key, "wave-b", "00ff"));
        Assert.NotEqual(token, DerivedTokens.LinkToken(Key, "wave-a", "00fe"));
        Assert.NotEqual(DerivedTokens.ShortCode(Key, "wave-a", "00ff"), DerivedTokens.ShortCode(Key, "wave-b", "00ff"));
    }

    [Fact]
    public void Short_code_characters_are_spread_over_the_whole_alphabet()
    {
        var counts = new Dictionary<char, int>();
        for (var i = 0; i < 3_100; i++)
            foreach (var c in DerivedTokens.ShortCode(Key, "w", i.ToString("x")))
                counts[c] = counts.GetValueOrDefault(c) + 1;
        Assert.Equal(ShortCode.Alphabet.Length, counts.Count);
        // 37,200 characters over 31 symbols: about 1,200 each; a broken reduction would skew this badly.
        Assert.All(counts.Values, n => Assert.InRange(n, 1_000, 1_400));
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DerivedTokens.LinkToken(new byte[16], "w", "i"));
    }
}

using System.Security.Cryptography;
using System.Text;
using Ervaring.Core.Invitations;

namespace Ervaring.Core.Tests.Invitations;

public class TokenTests
{
    private static readonly byte[] Pepper = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void Link_tokens_are_256_bit_base64url_and_unique_over_100k()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            var token = LinkToken.New();
            Assert.True(seen.Add(token));
        }

        var sample = seen.First();
        Assert.Equal(43, sample.Length);
        Assert.True(LinkToken.IsWellFormed(sample));
        Assert.DoesNotContain('=', sample);
        Assert.DoesNotContain('+', sample);
        Assert.DoesNotContain('/', sample);
        var decoded = Convert.FromBase64String(sample.Replace('-', '+').Replace('_', '/') + "=");
        Assert.Equal(32, decoded.Length);
    }

    [Fact]
    public void Short_codes_use_the_unambiguous_alphabet_and_have_enough_entropy()
    {
        Assert.Equal(31, ShortCode.Alphabet.Length);
        Assert.True(ShortCode.EntropyBits >= 59, $"{ShortCode.EntropyBits} bits");
        foreach (var forbidden in "01OIL")
        {
            Assert.DoesNotContain(forbidden, ShortCode.Alphabet);
        }

        var codes = Enumerable.Range(0, 10_000).Select(_ => ShortCode.New()).ToList();
        Assert.All(codes, c => Assert.True(c.Length == 12 && c.All(ShortCode.Alphabet.Contains)));
        Assert.Equal(codes.Count, codes.Distinct().Count());

        // Every symbol turns up (uniform alphabet use, no modulo gaps).
        Assert.Equal(ShortCode.Alphabet.Order(), codes.SelectMany(c => c).Distinct().Order());
    }

    [Fact]
    public void Short_code_is_shown_in_groups_of_four_and_parses_back_tolerantly()
    {
        var code = ShortCode.New();
        var shown = ShortCode.Format(code);
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", shown);

        foreach (var typed in new[] { shown, shown.ToLowerInvariant(), shown.Replace("-", " ", StringComparison.Ordinal), " " + code.ToLowerInvariant() + " ", string.Join(" ", code.ToCharArray()) })
        {
            Assert.True(ShortCode.TryParse(typed, out var parsed), typed);
            Assert.Equal(code, parsed);
        }
    }

    [Theory]
    [InlineData("ABCD-EFGH-JKM", "De code heeft 12 tekens; ingevuld zijn er 11. Controleer de code in de brief.")]
    [InlineData("ABCD-EFGH-JKM0", "Het teken '0' komt niet voor in codes. Controleer de code in de brief.")]
    [InlineData("ABCD-EFGH-JK?M", "Het teken '?' hoort niet in de code. Gebruik alleen de letters en cijfers uit de brief.")]
    [InlineData("", "Vul de code in die in de brief staat.")]
    public void Bad_short_codes_get_a_dutch_message(string typed, string message)
    {
        Assert.False(ShortCode.TryParse(typed, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Hash_is_deterministic_with_the_pepper_and_differs_without_it()
    {
        var token = LinkToken.New();
        var hash = TokenHasher.Hash(Pepper, token);

        Assert.Equal(hash, TokenHasher.Hash(Pepper, token));
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(token))), hash);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);

        var otherPepper = Pepper.Select(b => (byte)(b ^ 0xFF)).ToArray();
        Assert.NotEqual(hash, TokenHasher.Hash(otherPepper, token));
        Assert.NotEqual(hash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))));
        Assert.Throws<ArgumentException>(() => TokenHasher.Hash([], token));
    }

    [Fact]
    public void Short_code_hash_is_the_same_however_it_is_typed()
    {
        var code = ShortCode.New();
        var stored = TokenHasher.Hash(Pepper, code);
        Assert.Equal(stored, TokenHasher.HashShortCode(Pepper, ShortCode.Format(code).ToLowerInvariant()));
        Assert.True(TokenHasher.FixedTimeEquals(stored, TokenHasher.HashShortCode(Pepper, " " + code + " ")!));
        Assert.Null(TokenHasher.HashShortCode(Pepper, "kort"));
    }
}

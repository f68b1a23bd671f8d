namespace Ervaring.Core.Masking;

/// <summary>The BSN check: 9a + 8b + 7c + 6d + 5e + 4f + 3g + 2h − 1i ≡ 0 (mod 11).</summary>
public static class Elfproef
{
    /// <param name="digits">Exactly 9 digits; an 8-digit BSN is checked with a leading zero.</param>
    public static bool IsValidBsn(string digits)
    {
        if (digits.Length == 8) digits = "0" + digits;
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit)) return false;
        if (digits == "000000000") return false;
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
        sum -= digits[8] - '0';
        return sum % 11 == 0;
    }
}

using Ervaring.Core.Masking;

namespace Ervaring.Core.Tests.Masking;

public class OpenTextMaskerTests
{
    [Theory]
    [InlineData("Mail me op jan.de.vries@example.nl graag", "Mail me op [e-mail] graag")]
    [InlineData("Bel 06-12345678 of 020-1234567.", "Bel [telefoon] of [telefoon].")]
    [InlineData("Mijn nummer: +31 6 1234 5678", "Mijn nummer: [telefoon]")]
    [InlineData("Of 0031612345678 en 0612345678", "Of [telefoon] en [telefoon]")]
    [InlineData("Ik woon op 1234 AB 12 in Dorp", "Ik woon op [adres] in Dorp")]
    [InlineData("Postcode 1234AB", "Postcode [adres]")]
    [InlineData("Dorpsstraat 12a, 5678 CD Utrecht", "[adres], [adres] Utrecht")]
    [InlineData("BSN 111222333 klopt", "BSN [bsn] klopt")]
    [InlineData("BSN 1112.22.333 klopt", "BSN [bsn] klopt")]
    [InlineData("Nummer 123456789 is geen BSN", "Nummer 123456789 is geen BSN")]
    [InlineData("In 2023 ging het 10 keer goed", "In 2023 ging het 10 keer goed")]
    public void Masks_personal_data(string input, string expected) =>
        Assert.Equal(expected, OpenTextMasker.Mask(input));

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("123456789", false)]
    [InlineData("12345678", false)]
    [InlineData("000000000", false)]
    public void Elfproef_follows_the_weights(string digits, bool valid) =>
        Assert.Equal(valid, Elfproef.IsValidBsn(digits));
}

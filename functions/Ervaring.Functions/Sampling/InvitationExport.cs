using System.IO.Compression;
using Ervaring.Core.Csv;
using Ervaring.Core.Invitations;
using Ervaring.Core.Sampling;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Municipalities;
using Ervaring.Functions.Pages.Privacy;
using Ervaring.Functions.Security;
using Ervaring.Functions.Survey;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Waves;
using QRCoder;

namespace Ervaring.Functions.Sampling;

/// <summary>
/// The mail-merge file for the municipality's letters: client reference, audience, personal link and short
/// code (re-derived from the invitation id with the token key; storage only has their hashes), the address of the
/// municipality's privacy statement for the letter, and the name of the family's QR code in the QR zip. Available from
/// the draw until close; spreadsheet-safe; ';'-separated UTF-8 with BOM for Dutch Excel.
/// </summary>
public sealed class InvitationExport(WaveStore waves, InvitationStore invitations, ServerSecrets secrets, PublicBaseUrl publicBaseUrl, MunicipalityDirectory municipalities)
{
    /// <param name="Privacy">The municipality's privacy statement (AVG art. 14: the letter must say where it is), no token in it.</param>
    public sealed record ExportRow(string InvitationId, string ClientReference, string Audience, string Municipality, string Link, string Code, string Privacy = "");

    public async Task<Outcome<IReadOnlyList<ExportRow>>> RowsAsync(string waveId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (stored.Wave.State.WhyNot(WaveOperation.UseInvitations) is { } notNow) return Problem.Conflict(notNow);
        var baseUrl = publicBaseUrl.Value;
        var rows = new List<ExportRow>();
        await foreach (var invitation in invitations.ListAsync(waveId, cancellationToken))
        {
            var token = DerivedTokens.LinkToken(secrets.TokenKey, waveId, invitation.InvitationId);
            var code = DerivedTokens.ShortCode(secrets.TokenKey, waveId, invitation.InvitationId);
            var privacy = baseUrl + PrivacyPages.Href(municipalities.For(invitation.Municipality), invitation.Audience == Audiences.JongerenName);
            rows.Add(new ExportRow(invitation.InvitationId, invitation.ClientReference, invitation.Audience, invitation.Municipality, baseUrl + SurveyLinks.For(token), ShortCode.Format(code), privacy));
        }
        // Stable order for the mail merge: by client, parents before young people.
        return rows.OrderBy(r => r.ClientReference, StringComparer.Ordinal).ThenBy(r => r.Audience, StringComparer.Ordinal).ToList();
    }

    public static byte[] Csv(IEnumerable<ExportRow> rows)
    {
        // qrbestand: the row's file in the QR zip, so a mail merge can put each family's own QR code in its letter.
        var table = new List<IEnumerable<string?>> { new[] { "clientreferentie", "doelgroep", "gemeente", "link", "code", "privacyverklaring", "qrbestand" } };
        table.AddRange(rows.Select(r => new[] { r.ClientReference, r.Audience, r.Municipality, r.Link, r.Code, r.Privacy, QrFileName(r) }));
        return SafeCsv.ToUtf8Bytes(table);
    }

    /// <summary>
    /// A zip with one QR-code PNG per invitation, named "{clientreferentie}-{doelgroep}.png", for letters. A reference
    /// that is not a plain file name (other characters than letters, digits, '-' and '_', or longer than 80) is
    /// written as far as it is one, then '~' and a hash of the whole reference: "K/1" and "K#1" must never share a
    /// file, or one family's letter would carry another family's link.
    /// </summary>
    public static byte[] QrZip(IEnumerable<ExportRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var generator = new QRCodeGenerator();
            foreach (var row in rows)
            {
                using var data = generator.CreateQrCode(row.Link, QRCodeGenerator.ECCLevel.M);
                var png = new PngByteQRCode(data).GetGraphic(8);
                var entry = zip.CreateEntry(QrFileName(row), CompressionLevel.NoCompression);
                using var stream = entry.Open();
                stream.Write(png);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The name of a row's QR code in the zip; the export's "qrbestand" column says the same.</summary>
    public static string QrFileName(ExportRow row) => $"{FileName(row.ClientReference)}-{row.Audience}.png";

    public static string FileName(string clientReference)
    {
        var safe = new string(clientReference.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        if (safe == clientReference && safe.Length is > 0 and <= 80) return safe;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(clientReference)))[..12];
        return $"{safe[..Math.Min(safe.Length, 60)]}~{hash}";
    }
}

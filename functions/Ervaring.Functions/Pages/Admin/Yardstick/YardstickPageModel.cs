using Ervaring.Core.Reports.Yardstick;
using Ervaring.Core.Waves;
using Ervaring.Functions.Reports.Yardstick;

namespace Ervaring.Functions.Pages.Admin.Yardstick;

/// <summary>
/// The beheerder's page of one municipality's yardstick (issue 14): its targets and every report year. <see cref="Form"/>
/// names the form that failed ("doel" or "jaar-{year}"), so its errors and typed values come back at that form only.
/// </summary>
public sealed record YardstickPageModel(MunicipalityYardstick Yardstick)
{
    public string? Form { get; init; }
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    public IReadOnlyDictionary<string, string> Typed { get; init; } = new Dictionary<string, string>();
    public string? Done { get; init; }

    /// <summary>The errors of a refused reference file, each with its line (nothing of it was stored).</summary>
    public IReadOnlyList<string> ReferenceErrors { get; init; } = [];

    /// <summary>The target being edited (from <c>?wijzig=key</c>): the form starts with its values and replaces it.</summary>
    public Target? Editing { get; init; }

    public IReadOnlyList<string> ErrorsFor(string form, string field) =>
        Form == form ? Errors.Where(e => e.Field == field).Select(e => e.Message).ToList() : [];

    /// <summary>What the form shows: what was typed (after a refusal), else the target being edited, else nothing.</summary>
    public string? Value(string form, string field) => Form == form ? Typed.GetValueOrDefault(field) : form == TargetForm ? EditingValue(field) : null;

    public const string TargetForm = "doel";

    public static string YearForm(int year) => $"jaar-{year}";

    /// <summary>The form for a year before the first wave, typed in (a gap the municipality explains before Ervaring knew it).</summary>
    public const string EarlierYearForm = "jaar-eerder";

    private string? EditingValue(string field) => Editing is not { } t ? null : field switch
    {
        "audience" => t.Audience,
        "measure" => t.Measure,
        "dimension" => t.Dimension,
        "domainValue" => t.Dimension == Core.Reports.Dimensions.Total ? null : t.DomainValue,
        "value" => t.Value.ToString("0.#", Shared.Format.Dutch),
        "targetYear" => t.TargetYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "policyTitle" => t.PolicyTitle,
        "policyLink" => t.PolicyLink,
        "replaces" => t.Key,
        _ => null,
    };
}

using System.ComponentModel.DataAnnotations;

namespace Outreach.Residents;

/// <summary>Archive settings (configuration section "Residents").</summary>
public sealed class ResidentsOptions
{
    public const string SectionName = "Residents";

    /// <summary>Region assumed for phone numbers written without a country code (ISO 3166 alpha-2).</summary>
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "Residents:DefaultRegion must be a two-letter region code such as CN.")]
    public string DefaultRegion { get; set; } = "CN";

    /// <summary>Imports of up to this many rows run within the request and answer with their counts; larger ones run as a background job.</summary>
    [Range(0, 1_000_000)]
    public int InlineImportMaxRows { get; set; } = 2000;

    /// <summary>The largest file POST /api/residents/import accepts, in megabytes.</summary>
    [Range(1, 2000)]
    public int MaxImportMegabytes { get; set; } = 200;

    /// <summary>IANA time zone of a street created without one (quiet hours and schedules are kept in the street's zone).</summary>
    [Required, RegularExpression("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$", ErrorMessage = "Residents:DefaultTimeZone must be an IANA time zone such as Asia/Shanghai.")]
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";
}

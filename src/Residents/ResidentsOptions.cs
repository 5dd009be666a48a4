using System.ComponentModel.DataAnnotations;

namespace Outreach.Residents;

/// <summary>Archive settings (configuration section "Residents").</summary>
public sealed class ResidentsOptions
{
    public const string SectionName = "Residents";

    /// <summary>Region assumed for phone numbers written without a country code (ISO 3166 alpha-2).</summary>
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "Residents:DefaultRegion must be a two-letter region code such as CN.")]
    public string DefaultRegion { get; set; } = "CN";
}

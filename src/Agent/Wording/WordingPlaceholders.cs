namespace Outreach.Agent.Wording;

/// <summary>Fills a segment's wording for one resident: the only place per-resident details meet a wording.</summary>
public static class WordingPlaceholders
{
    public static string Fill(SegmentWording wording, ResidentDetails resident)
    {
        ArgumentNullException.ThrowIfNull(wording);
        ArgumentNullException.ThrowIfNull(resident);
        return wording.Template
            .Replace("{honorific}", resident.Honorific ?? resident.Name, StringComparison.Ordinal)
            .Replace("{name}", resident.Name, StringComparison.Ordinal)
            .Replace("{community}", resident.Community ?? string.Empty, StringComparison.Ordinal)
            .Replace("{building}", resident.Building ?? string.Empty, StringComparison.Ordinal)
            .Replace("{unit}", resident.Unit ?? string.Empty, StringComparison.Ordinal)
            .Replace("{slot}", resident.Slot ?? string.Empty, StringComparison.Ordinal);
    }
}

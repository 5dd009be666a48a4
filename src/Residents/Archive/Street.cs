namespace Outreach.Residents.Archive;

/// <summary>A street office (街道): owns communities and the time zone quiet hours are kept in.</summary>
public sealed class Street
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>IANA time zone, e.g. Asia/Shanghai.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The office's public phone, given in HELP replies.</summary>
    public string? OfficePhone { get; set; }

    public List<Community> Communities { get; set; } = [];
}

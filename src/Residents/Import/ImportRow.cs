using Outreach.Residents.Archive;

namespace Outreach.Residents.Import;

/// <summary>
/// One checked data row of an import. Fields the file has no column for are null and left alone on update;
/// <see cref="Error"/> is set instead when the row is rejected.
/// </summary>
internal sealed class ImportRow
{
    public int Line { get; init; }

    public string? Error { get; set; }

    /// <summary>The row as it was in the file, for rejected.csv; kept only for a row that is or may yet be rejected.</summary>
    public string? Raw { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    public string? SecondPhone { get; set; }

    public int? CommunityId { get; set; }

    public string? Grid { get; set; }

    public string? Building { get; set; }

    public string? Unit { get; set; }

    public string? Household { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Language { get; set; }

    public ContactChannel? Channel { get; set; }

    /// <summary>The tags in their stored form ("|elderly|living_alone|", see <see cref="Storage.TagList"/>), encoded on
    /// the reading thread so the writing thread only binds them.</summary>
    public string? Tags { get; set; }

    public string? ExternalId { get; set; }

    public string? Gender { get; set; }

    public List<(string Name, DateOnly Value)> Dates { get; } = [];
}

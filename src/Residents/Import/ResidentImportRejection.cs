namespace Outreach.Residents.Import;

/// <summary>A row that was not imported, with its line in the file and the reason in a clerk's words.</summary>
public sealed class ResidentImportRejection
{
    public long Id { get; set; }

    public int ImportId { get; set; }

    public int Line { get; set; }

    public required string Reason { get; set; }

    /// <summary>The row as it was in the file (CSV text), so the rejected rows can be fixed and uploaded again.</summary>
    public required string Row { get; set; }
}

namespace Outreach.Residents.Archive;

/// <summary>A named date on a resident's record (checkup_due, vaccination_due, …), queryable by audiences.</summary>
public sealed class ResidentDate
{
    public int Id { get; set; }

    public int ResidentId { get; set; }

    public required string Name { get; set; }

    public DateOnly Value { get; set; }

    /// <summary>The stored form of a date field's name: trimmed, lower case, spaces as '_' (Checkup Due → checkup_due).</summary>
    public static string NormaliseName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().Replace(' ', '_').ToLowerInvariant();
    }
}

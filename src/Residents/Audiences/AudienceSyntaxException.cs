namespace Outreach.Residents.Audiences;

/// <summary>An audience expression that does not parse; <see cref="Position"/> is the 0-based character offset.</summary>
public sealed class AudienceSyntaxException(string message, int position)
    : FormatException($"{message} (at position {position})")
{
    public int Position { get; } = position;

    public string Reason { get; } = message;
}

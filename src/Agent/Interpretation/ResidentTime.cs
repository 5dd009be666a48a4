namespace Outreach.Agent.Interpretation;

/// <summary>A date and/or time a resident named (周六上午, 明天下午三点, next Monday at 10), resolved in the street's time zone.</summary>
public sealed record ResidentTime(DateOnly? Date, TimeOnly? Time, DayPart? Part)
{
    public override string ToString()
        => string.Join(' ', new[] { Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Time?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), Time is null ? Part?.ToString().ToLowerInvariant() : null }.Where(p => p is not null));
}

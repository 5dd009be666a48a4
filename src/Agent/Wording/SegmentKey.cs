using Outreach.Residents.Archive;

namespace Outreach.Agent.Wording;

/// <summary>Residents who get the same wording: one language, one audience trait group, one channel.</summary>
/// <param name="Audience">general, elderly, living_alone, …</param>
public sealed record SegmentKey(string Language, string Audience, ContactChannel Channel)
{
    public override string ToString() => $"{Language}/{Audience}/{Channel}".ToLowerInvariant();
}

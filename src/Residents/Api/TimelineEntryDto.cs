using Outreach.Residents.Timeline;

namespace Outreach.Residents.Api;

public sealed record TimelineEntryDto(
    long Id, DateTimeOffset At, TimelineKind Kind, string? Channel, int? CampaignId, string Text, string? Outcome, string? ExternalRef, string? Actor)
{
    public static TimelineEntryDto From(TimelineEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.At, e.Kind, e.Channel, e.CampaignId, e.Text, e.Outcome, e.ExternalRef, e.Actor);
    }
}

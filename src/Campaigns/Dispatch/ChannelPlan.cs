using Outreach.Campaigns.Definition;
using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Dispatch;

/// <summary>
/// A campaign's channel plan for one resident as a list of steps (attempt number = step + 1), e.g. call, call again
/// after 30 minutes, then SMS.
/// </summary>
public static class ChannelPlan
{
    public static IReadOnlyList<ContactChannel> Steps(Campaign campaign, ContactChannel preferred)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var calls = Enumerable.Repeat(ContactChannel.Voice, Math.Max(1, campaign.MaxCalls));
        return campaign.Channel switch
        {
            ChannelPlanKind.Sms => [ContactChannel.Sms],
            ChannelPlanKind.Voice => [.. calls],
            ChannelPlanKind.VoiceThenSms => [.. calls, ContactChannel.Sms],
            ChannelPlanKind.Preferred when preferred == ContactChannel.Voice => [.. calls, ContactChannel.Sms],
            ChannelPlanKind.Preferred => [ContactChannel.Sms],
            _ => throw new ArgumentOutOfRangeException(nameof(campaign), campaign.Channel, "unknown channel plan"),
        };
    }

    /// <summary>Every channel some resident of the campaign may be contacted on.</summary>
    public static IReadOnlyList<ContactChannel> Channels(Campaign campaign)
        => [.. Steps(campaign, ContactChannel.Voice).Concat(Steps(campaign, ContactChannel.Sms)).Distinct()];

    /// <summary>The step after a failed attempt; a voicemail skips the remaining calls. Null when the plan is done.</summary>
    public static int? NextStep(IReadOnlyList<ContactChannel> steps, int current, bool reachedVoicemail)
    {
        ArgumentNullException.ThrowIfNull(steps);
        for (var next = current + 1; next < steps.Count; next++)
        {
            if (!reachedVoicemail || steps[next] != ContactChannel.Voice)
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>Calling again waits the plan's retry delay; moving to another channel does not wait.</summary>
    public static TimeSpan DelayBefore(Campaign campaign, IReadOnlyList<ContactChannel> steps, int step)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(steps);
        return step > 0 && steps[step] == ContactChannel.Voice && steps[step - 1] == ContactChannel.Voice
            ? TimeSpan.FromMinutes(campaign.CallRetryMinutes)
            : TimeSpan.Zero;
    }
}

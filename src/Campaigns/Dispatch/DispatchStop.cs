namespace Outreach.Campaigns.Dispatch;

/// <summary>Why a dispatch pass stopped.</summary>
/// <param name="QuietUntil">Set when quiet hours stopped it: when they end.</param>
public sealed record DispatchStop(bool NotRunning, DateTimeOffset? QuietUntil)
{
    public static DispatchStop Done { get; } = new(false, null);

    public static DispatchStop Stopped { get; } = new(true, null);

    public static DispatchStop Quiet(DateTimeOffset until) => new(false, until);
}

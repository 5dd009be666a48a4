using Outreach.Campaigns.Definition;

namespace Outreach.Campaigns.Api;

/// <summary>The channel plan names of the API: sms, voice, voice_then_sms, preferred.</summary>
public static class ChannelNames
{
    private static readonly Dictionary<string, ChannelPlanKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sms"] = ChannelPlanKind.Sms,
        ["voice"] = ChannelPlanKind.Voice,
        ["voice_then_sms"] = ChannelPlanKind.VoiceThenSms,
        ["preferred"] = ChannelPlanKind.Preferred,
    };

    public static IEnumerable<string> All => Kinds.Keys;

    public static bool TryParse(string? name, out ChannelPlanKind kind) => Kinds.TryGetValue(name ?? string.Empty, out kind);

    public static string Name(ChannelPlanKind kind) => Kinds.First(k => k.Value == kind).Key;
}

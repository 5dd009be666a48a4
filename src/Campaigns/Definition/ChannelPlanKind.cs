namespace Outreach.Campaigns.Definition;

/// <summary>How a campaign reaches each resident.</summary>
public enum ChannelPlanKind
{
    /// <summary>One SMS.</summary>
    Sms,
    /// <summary>Calls only: call again when busy or unanswered, up to the plan's maximum.</summary>
    Voice,
    /// <summary>Calls first; when they fail or reach a voicemail, one SMS.</summary>
    VoiceThenSms,
    /// <summary>Each resident's preferred channel: voice-then-SMS for those who prefer calls, SMS for the rest.</summary>
    Preferred,
}

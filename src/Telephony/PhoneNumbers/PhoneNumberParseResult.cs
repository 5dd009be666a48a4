namespace Outreach.Telephony.PhoneNumbers;

/// <summary>A phone number in E.164, or the reason a clerk can read why it is not one.</summary>
public sealed record PhoneNumberParseResult(string? E164, string? Error, bool IsMobile)
{
    public bool IsValid => E164 is not null;
}
